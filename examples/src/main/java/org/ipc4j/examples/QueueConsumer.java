package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueShutDownException;

/**
 * The other half of {@link QueueProducer}, started by hand in another terminal: attaches to the same named
 * {@link SharedQueue} (creating it if it comes first), prints every message until the producer has shut the
 * queue down and it is empty, then removes the queue's file.
 */
public final class QueueConsumer {
    private QueueConsumer() {
    }

    public static void main(String[] args) throws Exception {
        String name = Options.parse(args).text("queue", QueueProducer.DEFAULT_QUEUE);
        long pid = ProcessHandle.current().pid();
        int received = 0;
        try (SharedQueue<String> q = SharedQueue.openOrCreate(name, QueueProducer.OPTIONS, Codecs.strings())) {
            System.out.println("consumer " + pid + " attached to queue '" + name + "', waiting for messages");
            try {
                while (true) {
                    System.out.println("got: " + q.take());
                    received++;
                }
            } catch (QueueShutDownException end) {
                // the producer shut the queue down and everything it put has been taken
            }
            q.unlink();
        }
        System.out.println("consumer " + pid + " got " + received + " messages; the producer is done; queue '" + name + "' removed");
    }
}
