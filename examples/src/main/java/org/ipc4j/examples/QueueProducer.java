package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;

/**
 * One of a pair started by hand in two terminals (no seed program: this is what ipc4j adds to the seeds,
 * whose queues only connect a parent with its own children). The producer attaches to a named
 * {@link SharedQueue}, creating it if the consumer has not, puts {@code --count} messages ({@code --pause}
 * apart) and shuts the queue down, which tells the consumer there will be no more.
 *
 * <pre>
 *   terminal 1: java -jar examples/target/ipc4j-examples.jar run QueueConsumer
 *   terminal 2: java -jar examples/target/ipc4j-examples.jar run QueueProducer
 * </pre>
 * Either may start first. {@code --queue} changes the name (default {@value #DEFAULT_QUEUE}).
 */
public final class QueueProducer {
    static final String DEFAULT_QUEUE = "ipc4j-examples-queue";
    static final RingOptions OPTIONS = RingOptions.ofCapacity(1 << 16);

    private QueueProducer() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String name = options.text("queue", DEFAULT_QUEUE);
        int count = options.integer("count", 10);
        double pause = options.seconds("pause", 0.5);
        long pid = ProcessHandle.current().pid();
        try (SharedQueue<String> q = SharedQueue.openOrCreate(name, OPTIONS, Codecs.strings())) {
            if (q.isShutdown()) {
                System.out.println("queue '" + name + "' was shut down by an earlier producer and nobody drained it:"
                        + " run QueueConsumer to drain and remove it, or remove it with: bin/ipc4j rm " + name);
                System.exit(1);
            }
            System.out.println("producer " + pid + " attached to queue '" + name + "'");
            for (int i = 1; i <= count; i++) {
                String message = "message " + i + " from " + pid;
                q.put(message);
                System.out.println("put: " + message);
                Seconds.sleep(pause);
            }
            q.shutdown(); // no more puts: the consumer drains what is left, then learns the end
            System.out.println("producer " + pid + " put " + count + " messages and shut the queue down");
        }
    }
}
