package org.ipc4j.examples;

import java.util.List;

import org.ipc4j.channel.JoinableQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 23: two writer processes put url1..url3 and url4..url6 (random
 * pauses) into one {@code Queue}; a reader loops for ever on {@code get(True)}; the writers are joined and
 * the reader, which cannot end by itself, is {@code terminate()}d.
 *
 * <p>The seed terminates the reader as soon as the writers are done, which may cut off messages it has not
 * read yet. The twin waits for every message to be handled first ({@link JoinableQueue#join()}; the reader
 * calls {@code taskDone()} after each), so that all six are always read. {@code --max-pause} sets the
 * longest random pause (1 s).
 */
public final class QueueTwoWriters {
    private QueueTwoWriters() {
    }

    static void procWrite(JoinableQueue<String> q, List<String> urls, double maxPause) throws InterruptedException {
        System.out.println("Process(" + ProcessHandle.current().pid() + ") is writing...");
        for (String url : urls) {
            q.put(url);
            System.out.println("Put " + url + " to queue...");
            Seconds.sleep(Math.random() * maxPause);
        }
    }

    static void procRead(JoinableQueue<String> q) throws InterruptedException {
        System.out.println("Process(" + ProcessHandle.current().pid() + ") is reading...");
        while (true) {
            String url = q.take();
            System.out.println("Get " + url + " from queue.");
            q.taskDone();
        }
    }

    public static void main(String[] args) throws Exception {
        double maxPause = Options.parse(args).seconds("max-pause", 1);
        JoinableQueue<String> q = JoinableQueue.create(Codecs.strings()); // the parent creates the queue for its children
        try {
            JvmProcess writer1 = new JvmProcess(() -> procWrite(q, List.of("url1", "url2", "url3"), maxPause));
            JvmProcess writer2 = new JvmProcess(() -> procWrite(q, List.of("url4", "url5", "url6"), maxPause));
            JvmProcess reader = new JvmProcess(() -> procRead(q));
            writer1.start();
            writer2.start();
            reader.start();
            writer1.join();
            writer2.join();
            q.join(); // every message read (the seed omits this)
            reader.terminate(); // the reader loops for ever: end it
            reader.join();
            System.out.println("reader terminated, exit code " + reader.exitCode());
        } finally {
            q.unlink();
        }
    }
}
