package org.ipc4j.examples;

import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.net.NetQueue;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 5, across hosts: the writer puts 1..4, one a second, into a queue
 * whose reader runs on another machine; the reader takes four and prints "DONE". Start the reader first on
 * one host, {@code ... run NetQueueReader --listen 0.0.0.0:40123}, then the writer on another,
 * {@code ... run NetQueueWriter --to readerhost:40123}. The reader holds the queue (it listens); the writer's
 * {@code put} waits until the reader is there.
 */
public final class NetQueueWriterReader {
    static final String DEFAULT_ADDRESS = "127.0.0.1:40123";

    private NetQueueWriterReader() {
    }

    /** The writer: {@code --to host:port}, {@code --pause} seconds between puts (1). */
    public static void writer(String[] args) throws Exception {
        Options options = Options.parse(args);
        String to = options.text("to", DEFAULT_ADDRESS);
        double pause = options.seconds("pause", 1);
        try (NetQueue<Integer> q = NetQueue.connect(to, Codecs.ints())) {
            for (int n = 1; n < 5; n++) {
                System.out.println("write, " + n);
                q.put(n);
                Seconds.sleep(pause);
            }
            System.out.println("write_task end");
        }
    }

    /** The reader: {@code --listen host:port} (any address with a bare port), {@code --timeout} seconds per get (60). */
    public static void reader(String[] args) throws Exception {
        Options options = Options.parse(args);
        String at = options.text("listen", DEFAULT_ADDRESS);
        int timeout = options.integer("timeout", 60);
        try (NetQueue<Integer> q = NetQueue.listen(at, Codecs.ints())) {
            System.out.println("reader listening at " + q.endpoint());
            for (int n = 1; n < 5; n++) {
                Integer value = q.poll(timeout, TimeUnit.SECONDS);
                if (value == null) {
                    System.out.println("read_task: no writer within " + timeout + " s");
                    return;
                }
                System.out.println("read, " + value);
            }
            System.out.println("read_task end");
        }
        System.out.println("DONE");
    }
}
