package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.QueueFullException;
import org.ipc4j.ring.RingOptions;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 21: {@code Queue(3)} in one process: {@code full()} after two and
 * three puts, {@code put_nowait} on the full queue (queue.Full, here {@link QueueFullException}), {@code qsize()},
 * {@code get_nowait} until empty, {@code empty()}, one more put.
 *
 * <p>{@code Queue(3)} is a queue bounded by count: {@link RingOptions#withMaxCount}. The queue is named after
 * this process, as {@link SharedQueue#create(org.ipc4j.codec.Codec)} (anonymous) takes no bound; it is removed
 * at the end.
 */
public final class QueueFullEmpty {
    private QueueFullEmpty() {
    }

    public static void main(String[] args) throws Exception {
        String name = "queue-full-empty-" + ProcessHandle.current().pid();
        SharedQueue<String> q = SharedQueue.create(name, RingOptions.ofCapacity(4096).withMaxCount(3), Codecs.strings());
        try {
            q.put("message1");
            q.put("message2");
            System.out.println("queue full? " + q.full());
            q.put("message3");
            System.out.println("queue full? " + q.full());
            try {
                q.putNowait("message4"); // no waiting
            } catch (QueueFullException e) {
                System.out.println("the queue is full, messages in it now: " + q.qsize());
            }
            if (!q.empty()) {
                System.out.println(center(" take the messages from the queue ", 100, '*'));
                int n = q.qsize();
                for (int i = 0; i < n; i++) {
                    System.out.println(q.getNowait());
                }
            }
            if (!q.full()) {
                q.put("message4");
                System.out.println(q.qsize());
            }
        } finally {
            q.unlink();
        }
    }

    /** Python's {@code str.center(width, fill)}. */
    static String center(String text, int width, char fill) {
        int padding = Math.max(0, width - text.length());
        int left = padding / 2 + (padding & width & 1);
        return String.valueOf(fill).repeat(left) + text + String.valueOf(fill).repeat(padding - left);
    }
}
