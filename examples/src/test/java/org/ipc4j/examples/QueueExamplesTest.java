package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Seed programs 5, 9 and 21-25: queues and a pipe between processes. Every queue file is removed (the extension checks). */
@ExtendWith(SharedDirExtension.class)
class QueueExamplesTest {

    @Test
    void queueWriterReaderReadsOneToFourInOrderEachAfterItWasWritten() {
        ExampleRun run = ExampleRun.run("QueueWriterReader", "--pause", "0.1");
        for (int n = 1; n <= 4; n++) {
            assertTrue(run.indexOf("write, " + n) < run.indexOf("read, " + n), run.output());
            assertTrue(n == 1 || run.indexOf("read, " + (n - 1)) < run.indexOf("read, " + n), run.output());
        }
        run.indexOf("write_task end");
        run.indexOf("read_task end");
        assertEquals(run.lines.size() - 1, run.indexOf("DONE"), run.output());
        assertEquals(11, run.lines.size(), run.output());
    }

    @Test
    void queueReaderTerminatedReadsABCThenIsTerminatedWithSigterm() {
        ExampleRun run = ExampleRun.run("QueueReaderTerminated", "--max-pause", "0.1");
        long writer = Long.parseLong(run.single("Write Process: (\\d+) \\.\\.\\.").group(1));
        long reader = Long.parseLong(run.single("Read Process: (\\d+) \\.\\.\\.").group(1));
        assertNotEquals(writer, reader);
        assertNotEquals(run.pid, writer);
        int previous = -1;
        for (String value : List.of("A", "B", "C")) {
            int got = run.indexOf("Get " + value + " from queue ...");
            assertTrue(run.indexOf("Put " + value + " to queue ...") < got && got > previous, run.output());
            previous = got;
        }
        assertEquals(run.lines.size() - 1, run.indexOf("reader terminated, exit code -15"), run.output());
    }

    @Test
    void queueFullEmptyShowsTheBoundOfThree() {
        ExampleRun run = ExampleRun.run("QueueFullEmpty");
        assertEquals(List.of(
                "queue full? false",
                "queue full? true",
                "the queue is full, messages in it now: 3",
                "*".repeat(33) + " take the messages from the queue " + "*".repeat(33),
                "message1",
                "message2",
                "message3",
                "1"), run.lines);
    }

    @Test
    void queueParentChildGetsTheParentsThenTheChildsMessage() {
        assertEquals(List.of("got: 11", "got: 22"), ExampleRun.run("QueueParentChild").lines);
    }

    @Test
    void queueTwoWritersReadsAllSixMessagesBeforeTheReaderIsTerminated() {
        ExampleRun run = ExampleRun.run("QueueTwoWriters", "--max-pause", "0.1");
        assertEquals(2, run.matching("Process\\(\\d+\\) is writing\\.\\.\\.").size(), run.output());
        run.single("Process\\(\\d+\\) is reading\\.\\.\\.");
        for (List<String> writer : List.of(List.of("url1", "url2", "url3"), List.of("url4", "url5", "url6"))) {
            int previous = -1;
            for (String url : writer) {
                run.indexOf("Put " + url + " to queue...");
                int got = run.indexOf("Get " + url + " from queue.");
                assertTrue(got > previous, "one writer's urls are read in the order it put them:\n" + run.output());
                previous = got;
            }
        }
        assertEquals(6, run.matching("Get url\\d from queue\\.").size());
        assertEquals(run.lines.size() - 1, run.indexOf("reader terminated, exit code -15"), run.output());
    }

    @Test
    void queueWriteThenReadReadsTheFiveMessagesInOrder() {
        ExampleRun run = ExampleRun.run("QueueWriteThenRead", "--reader-delay", "2");
        List<String> written = new ArrayList<>();
        List<String> read = new ArrayList<>();
        for (Matcher m : run.matching("written: (.*)")) {
            written.add(m.group(1));
        }
        for (Matcher m : run.matching("read: (.*)")) {
            read.add(m.group(1));
        }
        List<String> expected = List.of("message0", "message1", "message2", "message3", "message4");
        assertEquals(expected, written);
        assertEquals(expected, read);
        assertTrue(run.lines.get(0).contains("main process starts") && run.lines.get(run.lines.size() - 1).contains("main process ends"));
    }

    @Test
    void pipeSendRecvReceivesWhatWasSentInOrderUntilTheReceiverIsTerminated() {
        ExampleRun run = ExampleRun.run("PipeSendRecv", "--max-pause", "0.1");
        List<Matcher> sent = run.matching("Process\\((\\d+)\\) send :(url_\\d)");
        List<Matcher> received = run.matching("Process\\((\\d+)\\) rev:(url_\\d)");
        assertEquals(10, sent.size(), run.output());
        assertTrue(!received.isEmpty(), run.output());
        for (int i = 0; i < sent.size(); i++) {
            assertEquals("url_" + i, sent.get(i).group(2));
        }
        for (int i = 0; i < received.size(); i++) {
            assertEquals("url_" + i, received.get(i).group(2), "received in the order sent, none lost in between");
            assertTrue(run.indexOf("Process(" + sent.get(i).group(1) + ") send :url_" + i)
                    < run.indexOf("Process(" + received.get(i).group(1) + ") rev:url_" + i), run.output());
        }
        assertNotEquals(sent.get(0).group(1), received.get(0).group(1), "sender and receiver are two processes");
        assertEquals(run.lines.size() - 1, run.indexOf("receiver terminated, exit code -15"), run.output());
    }
}
