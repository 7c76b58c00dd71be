package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.QueueShutDownException;
import org.ipc4j.wait.WaitStrategies;

/**
 * Takes the elements of a byte queue (one made with {@link Codecs#bytes()}) into the caller's array or buffer:
 * the take and poll of {@link SharedQueue}, allocating nothing for elements that fit the caller's memory
 * (a fragmented one is copied fragment by fragment). Each call returns the
 * element's length, or -1 where {@code poll} returns null. An element that does not fit is taken all the same
 * and carried whole by the {@link BufferTooShortException}, so nothing is lost.
 *
 * <p>A reader keeps one record handler for reuse: use it from one thread at a time (make one per thread; the
 * queue itself is shared by all of them). It holds nothing to close; once the queue is closed, its calls fail.
 */
public final class ByteQueueReader {
    private final SharedQueue<byte[]> queue;
    private final BytesInto into;

    private ByteQueueReader(SharedQueue<byte[]> queue) {
        this.queue = queue;
        this.into = new BytesInto("queue", queue.name(), queue.ring.memory());
    }

    /** A reader of {@code queue}; {@link CodecMismatchException} unless its elements are raw bytes ({@link Codecs#bytes()}). */
    public static ByteQueueReader of(SharedQueue<byte[]> queue) {
        String id = queue.codec().id();
        if (!Codecs.isBytes(queue.codec())) {
            throw new CodecMismatchException("queue '" + queue.name() + "' holds elements of codec '" + id
                    + "'; a ByteQueueReader copies raw bytes and needs codec '" + Codecs.bytes().id() + "'");
        }
        return new ByteQueueReader(queue);
    }

    /** As {@link SharedQueue#take()}, into {@code dst} from {@code offset}; {@link QueueShutDownException} once drained. */
    public int takeInto(byte[] dst, int offset) throws InterruptedException {
        SharedQueue.checkInterrupt();
        into.into(dst, offset);
        return receive(SharedQueue.NO_DEADLINE, true);
    }

    /** As {@link SharedQueue#poll()}, into {@code dst} from {@code offset}; -1 if the queue is empty now. */
    public int pollInto(byte[] dst, int offset) {
        into.into(dst, offset);
        return pollNow();
    }

    /** As {@link SharedQueue#poll(long, TimeUnit)}, into {@code dst} from {@code offset}; -1 on timeout. */
    public int pollInto(byte[] dst, int offset, long timeout, TimeUnit unit) throws InterruptedException {
        SharedQueue.checkInterrupt();
        into.into(dst, offset);
        return receive(WaitStrategies.deadline(timeout, unit), false);
    }

    /** As {@link #takeInto(byte[], int)}, into {@code dst} at its position, which moves past the element. */
    public int takeInto(ByteBuffer dst) throws InterruptedException {
        SharedQueue.checkInterrupt();
        into.into(dst);
        return receive(SharedQueue.NO_DEADLINE, true);
    }

    /** As {@link #pollInto(byte[], int)}, into {@code dst} at its position, which moves past the element. */
    public int pollInto(ByteBuffer dst) {
        into.into(dst);
        return pollNow();
    }

    /** As {@link #pollInto(byte[], int, long, TimeUnit)}, into {@code dst} at its position, which moves past the element. */
    public int pollInto(ByteBuffer dst, long timeout, TimeUnit unit) throws InterruptedException {
        SharedQueue.checkInterrupt();
        into.into(dst);
        return receive(WaitStrategies.deadline(timeout, unit), false);
    }

    private int pollNow() {
        try {
            return receive(SharedQueue.NO_WAIT, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private int receive(long deadlineNanos, boolean throwAtEnd) throws InterruptedException {
        try {
            return queue.receiveRecord(into, deadlineNanos, throwAtEnd) ? into.finish() : -1;
        } finally {
            into.release();
        }
    }
}
