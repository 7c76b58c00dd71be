package org.ipc4j.examples;

import org.ipc4j.channel.JoinableQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 001_a818457dac533d40.txt, program 9: a writer puts A, B, C (random pauses) and is joined; then a reader
 * starts, loops for ever on a blocking {@code get(True)}, and is {@code terminate()}d.
 *
 * <p>The seed calls {@code pr.join()} before {@code pr.terminate()}, so it never ends: the reader never
 * returns. The twin waits instead until the reader has handled every message ({@link JoinableQueue#join()},
 * the reader calling {@code taskDone()} after each), then terminates it and prints its exit code, -15
 * (SIGTERM) as in Python. {@code --max-pause} sets the longest random pause (1 s).
 */
public final class QueueReaderTerminated {
    private QueueReaderTerminated() {
    }

    static void write(JoinableQueue<String> q, double maxPause) throws InterruptedException {
        System.out.println("Write Process: " + ProcessHandle.current().pid() + " ...");
        for (String value : new String[] {"A", "B", "C"}) {
            System.out.println("Put " + value + " to queue ...");
            q.put(value);
            Seconds.sleep(Math.random() * maxPause);
        }
    }

    static void read(JoinableQueue<String> q) throws InterruptedException {
        System.out.println("Read Process: " + ProcessHandle.current().pid() + " ...");
        while (true) {
            String value = q.take();
            System.out.println("Get " + value + " from queue ...");
            q.taskDone();
        }
    }

    public static void main(String[] args) throws Exception {
        double maxPause = Options.parse(args).seconds("max-pause", 1);
        JoinableQueue<String> q = JoinableQueue.create(Codecs.strings());
        try {
            JvmProcess pw = new JvmProcess(() -> write(q, maxPause));
            JvmProcess pr = new JvmProcess(() -> read(q));
            pw.start();
            pw.join();
            pr.start();
            q.join(); // the seed's pr.join() would wait for ever; wait until A, B and C are handled instead
            pr.terminate();
            pr.join();
            System.out.println("reader terminated, exit code " + pr.exitCode());
        } finally {
            q.unlink();
        }
    }
}
