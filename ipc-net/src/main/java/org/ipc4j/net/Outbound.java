package org.ipc4j.net;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.aeron.Publication;
import io.aeron.driver.status.SenderPos;
import io.aeron.driver.status.StreamCounter;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;
import org.ipc4j.codec.Codec;
import org.ipc4j.errors.BrokenPipeException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.MessageTooLargeException;
import org.ipc4j.errors.ObjectClosedException;

import static org.ipc4j.net.NetFrameDescriptor.KIND_CLOSE;
import static org.ipc4j.net.NetFrameDescriptor.KIND_HELLO;
import static org.ipc4j.net.NetFrameDescriptor.KIND_MORE;
import static org.ipc4j.net.NetFrameDescriptor.KIND_START;
import static org.ipc4j.net.NetFrameDescriptor.LONG_HEADER_LENGTH;

/**
 * Sends user messages of any length on one Aeron publication: a START part, then MORE parts of at most one
 * Aeron message each, under a lock so that two threads' messages never interleave. Back-pressure (the
 * receiver's window is full) and a missing receiver are waited out until the deadline; a message cut short by
 * its deadline is never delivered (the receiver drops it when the next one starts).
 */
final class Outbound {
    static final long NO_DEADLINE = Long.MAX_VALUE;
    /** A sender drives the driver after a send at most this often (see {@link #pumpIfQuiet()}). */
    private static final long PUMP_INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(10);

    private final Publication publication;
    private final String description;
    private final int codecTag;
    /** Null while the receiver is there; else why sending is pointless (a pipe's peer closed or died). */
    private final Supplier<String> brokenReason;
    private final boolean notConnectedIsBroken;
    private final int partLength;
    private final ReentrantLock lock = new ReentrantLock();
    private final UnsafeBuffer header = new UnsafeBuffer(ByteBuffer.allocateDirect(LONG_HEADER_LENGTH));
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[0]);
    private ByteBuffer encoded = ByteBuffer.allocate(256);
    private long lastPump = System.nanoTime() - PUMP_INTERVAL_NANOS;

    Outbound(Publication publication, String description, int codecTag, Supplier<String> brokenReason,
            boolean notConnectedIsBroken) {
        this.publication = publication;
        this.description = description;
        this.codecTag = codecTag;
        this.brokenReason = brokenReason;
        this.notConnectedIsBroken = notConnectedIsBroken;
        this.partLength = publication.maxMessageLength() - LONG_HEADER_LENGTH;
    }

    boolean isConnected() {
        return publication.isConnected();
    }

    /** Encodes {@code value} and sends it; false if the deadline passed first (nothing delivered). */
    <E> boolean sendValue(Codec<E> codec, E value, long deadline) throws InterruptedException {
        if (!lockBefore(deadline)) {
            return false;
        }
        try {
            int length = codec.encodedLength(value);
            checkLength(length);
            if (encoded.capacity() < length) {
                encoded = ByteBuffer.allocate(Math.max(length, 2 * encoded.capacity()));
            }
            codec.encode(value, encoded, 0);
            payload.wrap(encoded.array(), 0, length);
            return sendLocked(payload, length, deadline);
        } finally {
            lock.unlock();
        }
    }

    /** Sends {@code src[offset, offset + length)}; false if the deadline passed first (nothing delivered). */
    boolean sendBytes(byte[] src, int offset, int length, long deadline) throws InterruptedException {
        checkLength(length);
        if (!lockBefore(deadline)) {
            return false;
        }
        try {
            payload.wrap(src, offset, length);
            return sendLocked(payload, length, deadline);
        } finally {
            lock.unlock();
        }
    }

    /** Sends the bytes between {@code src}'s position and limit, leaving both as they are. */
    boolean sendBytes(ByteBuffer src, long deadline) throws InterruptedException {
        int length = src.remaining();
        checkLength(length);
        if (!lockBefore(deadline)) {
            return false;
        }
        try {
            payload.wrap(src, src.position(), length);
            return sendLocked(payload, length, deadline);
        } finally {
            lock.unlock();
        }
    }

    /** A pipe's greeting: one short message. */
    boolean sendHello(byte[] greeting, long deadline) throws InterruptedException {
        if (!lockBefore(deadline)) {
            return false;
        }
        try {
            payload.wrap(greeting);
            return offer(KIND_HELLO, greeting.length, payload, 0, greeting.length, deadline);
        } finally {
            lock.unlock();
        }
    }

    /** Tells the receiver this end is closing; gives up after {@code deadline} (the receiver then sees the stream end). */
    void sendClose(long deadline) {
        if (!lock.tryLock()) {
            return; // a send in progress on another thread: the stream's end tells the receiver instead
        }
        try {
            offer(KIND_CLOSE, 0, payload, 0, 0, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Ipc4jException peerGoneOrClosed) {
            // nobody to tell
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits (until {@code deadline}, and only while the receiver is there) for the driver to have sent
     * everything offered, then closes the publication: a sender that closes and exits right after its last
     * send does not take that send with it.
     */
    void close(CountersReader counters, long deadline) {
        int sent = senderPosition(counters, publication.registrationId());
        if (sent != CountersReader.NULL_COUNTER_ID) {
            long offered = publication.position();
            Waiting waiting = new Waiting(deadline);
            while (publication.isConnected() && counters.getCounterValue(sent) < offered && waiting.idleUninterruptibly()) {
                // the driver's sender thread is still sending
            }
        }
        publication.close();
    }

    private static int senderPosition(CountersReader counters, long registrationId) {
        int[] found = {CountersReader.NULL_COUNTER_ID};
        counters.forEach((counterId, typeId, key, label) -> {
            if (typeId == SenderPos.SENDER_POSITION_TYPE_ID
                    && key.getLong(StreamCounter.REGISTRATION_ID_OFFSET) == registrationId) {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    private boolean sendLocked(DirectBuffer message, int length, long deadline) throws InterruptedException {
        int first = Math.min(length, partLength);
        if (!offer(KIND_START, length, message, 0, first, deadline)) {
            return false;
        }
        for (int sent = first; sent < length; ) {
            int part = Math.min(length - sent, partLength);
            if (!offer(KIND_MORE, length, message, sent, part, deadline)) {
                return false;
            }
            sent += part;
        }
        return true;
    }

    private boolean offer(byte kind, long total, DirectBuffer message, int offset, int length, long deadline)
            throws InterruptedException {
        NetFrameDescriptor.write(header, kind, codecTag, total);
        int headerLength = NetFrameDescriptor.headerLength(kind);
        Waiting waiting = null;
        while (true) {
            long result = publication.offer(header, 0, headerLength, message, offset, length);
            if (result > 0) {
                pumpIfQuiet();
                return true;
            }
            if (result == Publication.CLOSED) {
                throw new ObjectClosedException(description + " is closed");
            }
            if (result == Publication.MAX_POSITION_EXCEEDED) {
                throw new Ipc4jException(description + ": the stream reached Aeron's maximum position; open a new one");
            }
            String broken = brokenReason.get();
            if (broken == null && result == Publication.NOT_CONNECTED && notConnectedIsBroken) {
                broken = description + ": the other end stopped answering";
            }
            if (broken != null) {
                throw new BrokenPipeException(broken);
            }
            if (waiting == null) {
                waiting = new Waiting(deadline);
            }
            if (!waiting.idle()) {
                return false;
            }
        }
    }

    /**
     * Sends what was just offered now, on this thread, if this sender has not driven the driver in the last
     * few microseconds: a lone message (a request, a reply) goes out at once, while a stream of them is sent
     * in batches, one duty cycle for many messages.
     */
    private void pumpIfQuiet() {
        long now = System.nanoTime();
        if (now - lastPump >= PUMP_INTERVAL_NANOS) {
            NetDriver.pump();
            lastPump = System.nanoTime();
        }
    }

    /** False if another thread held the send lock past the deadline. */
    private boolean lockBefore(long deadline) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException(); // as the JDK's queues: a pending interrupt throws whatever the timeout
        }
        if (deadline == NO_DEADLINE) {
            lock.lockInterruptibly();
            return true;
        }
        return lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void checkLength(long length) {
        if (length > NetSettings.MAX_MESSAGE_BYTES) {
            throw new MessageTooLargeException(description + ": a message of " + length + " bytes is above the limit of "
                    + NetSettings.MAX_MESSAGE_BYTES + " (-Dipc4j.net.maxMessageBytes); nothing was sent");
        }
    }

    static long deadline(long timeout, TimeUnit unit) {
        long nanos = unit.toNanos(timeout);
        return nanos >= Long.MAX_VALUE / 2 ? NO_DEADLINE : System.nanoTime() + Math.max(0, nanos);
    }
}
