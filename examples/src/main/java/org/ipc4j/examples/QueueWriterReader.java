package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 5: a {@code Queue} created by the parent and passed to a writer
 * process (puts 1..4, one a second) and a reader process (four blocking {@code get()}s, one a second); both
 * joined, then "DONE".
 *
 * <p>{@code Queue()} is {@link SharedQueue#create(org.ipc4j.codec.Codec)}: an anonymous queue whose handle
 * travels to the children inside the lambdas; {@code get()} is {@code take()}. The parent removes the
 * queue's file at the end. {@code --pause} sets the one second.
 */
public final class QueueWriterReader {
    private QueueWriterReader() {
    }

    static void writeTask(SharedQueue<Integer> q, double pause) {
        try {
            for (int n = 1; n < 5; n++) {
                System.out.println("write, " + n);
                q.put(n);
                Seconds.sleep(pause);
            }
        } catch (Exception e) {
            System.out.println("write_task error");
        } finally {
            System.out.println("write_task end");
        }
    }

    static void readTask(SharedQueue<Integer> q, double pause) {
        try {
            for (int n = 1; n < 5; n++) {
                System.out.println("read, " + q.take());
                Seconds.sleep(pause);
            }
        } catch (Exception e) {
            System.out.println("read_task error");
        } finally {
            System.out.println("read_task end");
        }
    }

    public static void main(String[] args) throws Exception {
        double pause = Options.parse(args).seconds("pause", 1);
        SharedQueue<Integer> q = SharedQueue.create(Codecs.ints()); // the parent creates the queue and hands it to both children
        try {
            JvmProcess pw = new JvmProcess(() -> writeTask(q, pause));
            JvmProcess pr = new JvmProcess(() -> readTask(q, pause));
            pw.start();
            pr.start();
            pw.join();
            pr.join();
            System.out.println("DONE");
        } finally {
            q.unlink();
        }
    }
}
