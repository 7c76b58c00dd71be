package org.ipc4j.net;

import java.nio.ByteBuffer;
import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import org.agrona.DirectBuffer;
import org.ipc4j.codec.Codec;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectExistsException;

/**
 * A queue between hosts: Python's {@code Queue} whose writers and reader run on different machines, over
 * Aeron UDP. One end {@linkplain #listen listens} at an address and holds the elements: it takes them
 * ({@code take}, {@code poll}, {@code drainTo}, ...) and may put its own. Any number of ends
 * {@linkplain #connect connect} to that address from anywhere and put; their elements are taken where the
 * queue listens, so the reading methods of a connected end throw {@link UnsupportedOperationException}.
 *
 * <p>Semantics, as far as a network allows those of {@link org.ipc4j.channel.SharedQueue}:
 * <ul>
 *   <li>Order: the elements of one connected end arrive in the order it put them; those of several ends
 *       interleave. Each arrives whole, once, or not at all.</li>
 *   <li>Back-pressure: the listening end holds at most {@code capacity} decoded elements plus Aeron's
 *       receive window; beyond that a connected end's {@code put} blocks and a timed {@code offer} waits, as
 *       they also do while nobody listens (a reader restarting at the same address is waited for).</li>
 *   <li>Loss: an element put before the listening process died and not yet taken is lost with it, as with
 *       Python's managed queues; one whose {@code put} returned is otherwise delivered. A connected end killed
 *       part way through a long element leaves none of it.</li>
 *   <li>Bad input: an element that arrives encoded by another codec, or that does not decode, or a frame no
 *       ipc4j sender wrote, is dropped, and the reading call that would have returned it throws the typed
 *       error ({@link org.ipc4j.errors.CodecMismatchException}, {@link CorruptedException},
 *       {@link org.ipc4j.errors.MessageTooLargeException}); the next call goes on with the next element.</li>
 *   <li>Elements come back as equal copies, as with every ipc4j queue. {@code null} is refused.</li>
 * </ul>
 * Thread-safe at both ends. {@link #close()} frees the end's Aeron resources; the embedded driver (see the
 * README, "across hosts") stops when the JVM's last network object closes.
 */
public final class NetQueue<E> extends AbstractQueue<E> implements BlockingQueue<E>, AutoCloseable {
    /** The default number of arrived elements the listening end holds before it stops reading the network. */
    public static final int DEFAULT_CAPACITY = 1024;
    private static final int FRAGMENT_LIMIT = 64;

    private final String endpoint;
    private final String description;
    private final Codec<E> codec;
    private final Aeron aeron;
    private final int capacity;
    // the listening end
    private final Subscription subscription;
    private final Inbound inbound;
    private final ArrayDeque<Object> arrived;
    private final ConcurrentLinkedQueue<Integer> goneSenders;
    private final ReentrantLock readLock = new ReentrantLock();
    private byte[] copied = new byte[256];
    private ByteBuffer copiedView = ByteBuffer.wrap(copied);
    // a connected end
    private final Outbound outbound;
    private volatile boolean closed;

    private NetQueue(String endpoint, Codec<E> codec, Aeron aeron, int capacity, Subscription subscription,
            ExclusivePublication publication, ConcurrentLinkedQueue<Integer> goneSenders) {
        this.endpoint = endpoint;
        this.goneSenders = goneSenders;
        this.description = (subscription != null ? "NetQueue listening at " : "NetQueue to ") + endpoint;
        this.codec = codec;
        this.aeron = aeron;
        this.capacity = capacity;
        this.subscription = subscription;
        int tag = NetFrameDescriptor.codecTag(codec.id());
        if (subscription != null) {
            this.arrived = new ArrayDeque<>(Math.min(capacity, 4096));
            this.inbound = new Inbound(description, tag, NetSettings.MAX_MESSAGE_BYTES, new Arrivals());
            this.outbound = null;
        } else {
            this.arrived = null;
            this.inbound = null;
            this.outbound = new Outbound(publication, description, tag, () -> null, false);
        }
    }

    /**
     * The end that holds the elements, listening at {@code endpoint}: {@code host:port}, a port (every
     * address), port 0 for one the system picks ({@link #endpoint()} tells it), or an {@code aeron:udp} URI.
     */
    public static <E> NetQueue<E> listen(String endpoint, Codec<E> codec) {
        return listen(endpoint, codec, DEFAULT_CAPACITY);
    }

    /** As {@link #listen(String, Codec)}, holding at most {@code capacity} arrived elements. */
    public static <E> NetQueue<E> listen(String endpoint, Codec<E> codec, int capacity) {
        Objects.requireNonNull(codec, "codec");
        if (capacity < 1) {
            throw new IllegalArgumentException("a NetQueue's capacity must be at least 1, not " + capacity);
        }
        NetEndpoint where = NetEndpoint.parse(endpoint);
        Aeron aeron = NetDriver.acquire();
        try {
            ConcurrentLinkedQueue<Integer> goneSenders = new ConcurrentLinkedQueue<>();
            Subscription subscription = aeron.addSubscription(where.subscriptionChannel(), NetSettings.QUEUE_STREAM_ID,
                    image -> { }, image -> goneSenders.add(image.sessionId()));
            String bound = where.awaitListening(subscription);
            return new NetQueue<>(bound, codec, aeron, capacity, subscription, null, goneSenders);
        } catch (AeronException e) {
            NetDriver.release();
            throw new ObjectExistsException("cannot listen at " + where + " (is something else listening there?): " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            NetDriver.release();
            throw e;
        }
    }

    /**
     * An end that puts into the queue listening at {@code endpoint} ({@code host:port} or an {@code aeron:udp}
     * URI). It returns at once; a {@code put} waits until the listening end is there.
     */
    public static <E> NetQueue<E> connect(String endpoint, Codec<E> codec) {
        Objects.requireNonNull(codec, "codec");
        NetEndpoint where = NetEndpoint.parse(endpoint);
        Aeron aeron = NetDriver.acquire();
        try {
            ExclusivePublication publication = aeron.addExclusivePublication(where.publicationChannel(), NetSettings.QUEUE_STREAM_ID);
            return new NetQueue<>(where.toString(), codec, aeron, 0, null, publication, null);
        } catch (RuntimeException | Error e) {
            NetDriver.release();
            throw e;
        }
    }

    /** The address the listening end is bound to (with the port the system picked), or the one a connected end sends to. */
    public String endpoint() {
        return endpoint;
    }

    /** True for the end that listens and holds the elements. */
    public boolean isListening() {
        return subscription != null;
    }

    /** For a connected end: whether the listening end is there now. */
    public boolean isConnected() {
        return outbound != null ? outbound.isConnected() : subscription.isConnected();
    }

    // --- putting ---

    @Override
    public boolean offer(E element) {
        try {
            return offer(element, 0, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void put(E element) throws InterruptedException {
        offerUntil(element, Outbound.NO_DEADLINE);
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) throws InterruptedException {
        return offerUntil(element, Outbound.deadline(timeout, unit));
    }

    private boolean offerUntil(E element, long deadline) throws InterruptedException {
        Objects.requireNonNull(element, "a NetQueue holds no nulls");
        checkOpen();
        if (outbound != null) {
            return outbound.sendValue(codec, element, deadline);
        }
        // the listening end keeps its own element beside those that arrived
        Waiting waiting = new Waiting(deadline);
        while (true) {
            readLock.lockInterruptibly();
            try {
                checkOpen();
                if (arrived.size() < capacity) {
                    arrived.add(element);
                    return true;
                }
            } finally {
                readLock.unlock();
            }
            if (!waiting.idle()) {
                return false;
            }
        }
    }

    // --- taking (the listening end) ---

    @Override
    public E poll() {
        Object entry = takeEntry();
        return entry == null ? null : unwrap(entry);
    }

    @Override
    public E take() throws InterruptedException {
        return unwrap(takeEntryUntil(Outbound.NO_DEADLINE));
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        Object entry = takeEntryUntil(Outbound.deadline(timeout, unit));
        return entry == null ? null : unwrap(entry);
    }

    @Override
    public E peek() {
        requireListening("peek");
        readLock.lock();
        try {
            checkOpen();
            readNetwork();
            Object head = arrived.peek();
            if (head instanceof Fault) {
                arrived.poll();
                throw ((Fault) head).error;
            }
            return unwrapQuiet(head);
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int size() {
        requireListening("size");
        readLock.lock();
        try {
            checkOpen();
            readNetwork();
            return arrived.size();
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        requireListening("remainingCapacity");
        readLock.lock();
        try {
            return Math.max(0, capacity - arrived.size());
        } finally {
            readLock.unlock();
        }
    }

    @Override
    public int drainTo(Collection<? super E> sink) {
        return drainTo(sink, Integer.MAX_VALUE);
    }

    /**
     * Moves up to {@code maxElements} arrived elements to {@code sink}, in order. An element that failed to
     * arrive (see the class comment) ends the drain: the elements before it are in {@code sink}, its error is
     * thrown, and the ones after it stay for the next call.
     */
    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        Objects.requireNonNull(sink, "sink");
        if (sink == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        requireListening("drainTo");
        int moved = 0;
        readLock.lock();
        try {
            checkOpen();
            while (moved < maxElements) {
                if (arrived.isEmpty()) {
                    readNetwork();
                    if (arrived.isEmpty()) {
                        break;
                    }
                }
                Object head = arrived.peek();
                if (head instanceof Fault) {
                    if (moved > 0) {
                        break; // the error is the next call's: what was drained is not lost behind it
                    }
                    arrived.poll();
                    throw ((Fault) head).error;
                }
                sink.add(unwrapQuiet(head));
                arrived.poll();
                moved++;
            }
        } finally {
            readLock.unlock();
        }
        return moved;
    }

    /** A snapshot of the arrived elements, oldest first; {@code remove()} removes that element from the queue. */
    @Override
    public Iterator<E> iterator() {
        requireListening("iterator");
        List<Object> snapshot;
        readLock.lock();
        try {
            checkOpen();
            readNetwork();
            snapshot = new ArrayList<>(arrived);
        } finally {
            readLock.unlock();
        }
        snapshot.removeIf(entry -> entry instanceof Fault);
        Iterator<Object> entries = snapshot.iterator();
        return new Iterator<>() {
            private Object last;

            @Override
            public boolean hasNext() {
                return entries.hasNext();
            }

            @Override
            public E next() {
                if (!entries.hasNext()) {
                    throw new NoSuchElementException();
                }
                last = entries.next();
                return unwrapQuiet(last);
            }

            @Override
            public void remove() {
                if (last == null) {
                    throw new IllegalStateException("next() first");
                }
                Object removing = last;
                last = null;
                readLock.lock();
                try {
                    arrived.removeIf(entry -> entry == removing);
                } finally {
                    readLock.unlock();
                }
            }
        };
    }

    @Override
    public void clear() {
        requireListening("clear");
        readLock.lock();
        try {
            arrived.clear();
        } finally {
            readLock.unlock();
        }
    }

    /**
     * Closes this end (idempotent). A connected end first lets the driver send what it put (up to
     * {@code -Dipc4j.net.closeDrainMillis}, 5 000, while the listening end is there); at the listening end,
     * elements that arrived and were not taken are dropped.
     */
    @Override
    public void close() {
        readLock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (outbound != null) {
                outbound.close(aeron.countersReader(), System.nanoTime() + NetSettings.CLOSE_DRAIN_NANOS);
            } else {
                subscription.close();
                arrived.clear();
            }
        } finally {
            readLock.unlock();
        }
        NetDriver.release();
    }

    @Override
    public String toString() {
        if (closed || subscription == null) {
            return description + (closed ? " (closed)" : "");
        }
        return super.toString();
    }

    private Object takeEntry() {
        requireListening("poll");
        readLock.lock();
        try {
            checkOpen();
            if (arrived.isEmpty()) {
                readNetwork();
            }
            return arrived.poll();
        } finally {
            readLock.unlock();
        }
    }

    private Object takeEntryUntil(long deadline) throws InterruptedException {
        requireListening("take");
        if (Thread.interrupted()) {
            throw new InterruptedException(); // as the JDK's queues: a pending interrupt throws whatever the timeout
        }
        Waiting waiting = null;
        while (true) {
            readLock.lockInterruptibly();
            try {
                checkOpen();
                if (arrived.isEmpty()) {
                    readNetwork();
                }
                Object entry = arrived.poll();
                if (entry != null) {
                    return entry;
                }
            } finally {
                readLock.unlock();
            }
            if (waiting == null) {
                waiting = new Waiting(deadline);
            }
            if (!waiting.idle()) {
                return null;
            }
        }
    }

    /** Reads what the network has, up to the capacity. Called with the read lock held. */
    private void readNetwork() {
        for (Integer gone = goneSenders.poll(); gone != null; gone = goneSenders.poll()) {
            inbound.forget(gone);
        }
        while (arrived.size() < capacity && subscription.controlledPoll(inbound, FRAGMENT_LIMIT) > 0) {
            // keep reading while fragments come and there is room
        }
    }

    private E unwrap(Object entry) {
        if (entry instanceof Fault) {
            throw ((Fault) entry).error;
        }
        return unwrapQuiet(entry);
    }

    @SuppressWarnings("unchecked")
    private E unwrapQuiet(Object entry) {
        return (E) entry;
    }

    private void requireListening(String operation) {
        if (subscription == null) {
            throw new UnsupportedOperationException(description + " only puts: " + operation
                    + " works at the end that listens, where the elements are");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new ObjectClosedException(description + " is closed");
        }
    }

    /** An element that did not arrive: its place in the order, and the error the taking call throws. */
    private static final class Fault {
        final Ipc4jException error;

        Fault(Ipc4jException error) {
            this.error = error;
        }
    }

    /** Decodes what {@link Inbound} hands on into {@link #arrived}; runs under the read lock. */
    private final class Arrivals implements Inbound.Sink {
        @Override
        public boolean hasRoom() {
            return arrived.size() < capacity;
        }

        @Override
        public void onMessage(DirectBuffer buffer, int offset, int length, int sessionId) {
            if (copied.length < length) {
                copied = new byte[Math.max(length, 2 * copied.length)];
                copiedView = ByteBuffer.wrap(copied);
            }
            buffer.getBytes(offset, copied, 0, length);
            decode(copiedView, length, sessionId);
        }

        @Override
        public void onAssembled(byte[] message, int sessionId) {
            decode(ByteBuffer.wrap(message), message.length, sessionId);
        }

        /** Codecs read absolutely from offset 0: the view's position and limit do not matter. */
        private void decode(ByteBuffer bytes, int length, int sessionId) {
            E element;
            try {
                element = codec.decode(bytes, 0, length);
            } catch (RuntimeException e) {
                onFault(new CorruptedException(description + ": an element of " + length + " bytes from sender session "
                        + sessionId + " does not decode with codec " + codec.id() + ": " + e, e));
                return;
            }
            if (element == null) {
                onFault(new CorruptedException(description + ": an element from sender session " + sessionId
                        + " decoded to null with codec " + codec.id()));
                return;
            }
            arrived.add(element);
        }

        @Override
        public void onHello(DirectBuffer buffer, int offset, int length, int sessionId) {
            onFault(new CorruptedException(description + ": a pipe's greeting from sender session " + sessionId
                    + " on a queue's stream; dropped"));
        }

        @Override
        public void onClose(int sessionId) {
            // a connected end that closes leaves its elements, which were all delivered before this
        }

        @Override
        public void onFault(Ipc4jException fault) {
            arrived.add(new Fault(fault));
        }
    }
}
