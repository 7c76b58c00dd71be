package org.ipc4j.examples;

import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 24: a writer puts five messages (if the queue is not full); a
 * reader waits a second, then reads with {@code get(True, 2)} until the queue is empty.
 *
 * <p>{@code get(True, 2)} is {@code poll(2, SECONDS)}, which returns null where Python raises queue.Empty.
 * As in the seed, the reader stops at the first moment it sees the queue empty: if the writer were slower
 * than the reader's one second ({@code --reader-delay}), messages would be left behind. The parent removes
 * the queue at the end.
 */
public final class QueueWriteThenRead {
    private QueueWriteThenRead() {
    }

    static void write(SharedQueue<String> q) throws InterruptedException {
        if (!q.full()) {
            for (int i = 0; i < 5; i++) {
                String message = "message" + i;
                q.put(message);
                System.out.println("written: " + message);
            }
        }
    }

    static void read(SharedQueue<String> q, double delay) throws InterruptedException {
        Seconds.sleep(delay);
        while (!q.empty()) {
            System.out.println("read: " + q.poll(2, TimeUnit.SECONDS));
        }
    }

    public static void main(String[] args) throws Exception {
        double delay = Options.parse(args).seconds("reader-delay", 1);
        System.out.println(QueueFullEmpty.center("main process starts", 100, '*'));
        SharedQueue<String> q = SharedQueue.create(Codecs.strings());
        try {
            JvmProcess pw = new JvmProcess(() -> write(q));
            JvmProcess pr = new JvmProcess(() -> read(q, delay));
            pw.start();
            pr.start();
            pw.join();
            pr.join();
        } finally {
            q.unlink();
        }
        System.out.println(QueueFullEmpty.center("main process ends", 100, '*'));
    }
}
