package org.ipc4j.ring;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.SharedObject;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * A named ring of variable-length messages in shared memory with Agrona's zero-copy API: {@link #tryClaim}
 * room, write the message into {@link #buffer()} at the returned offset, {@link #commit} it (or
 * {@link #abort}); consumers {@link #read} messages in place, in batches. The region body is one ring laid out
 * as {@link RingDescriptor} (records as {@link RecordDescriptor}).
 *
 * <pre>{@code
 * try (SharedRing ring = SharedRing.create("ticks", SharedRing.Kind.SPSC, 1 << 20)) {
 *     int at = ring.tryClaim(8);
 *     if (at != SharedRing.FULL) {
 *         ring.buffer().putLong(at, 42);
 *         ring.commit(at);
 *     }
 *     ring.read((buffer, offset, length) -> System.out.println(buffer.getLong(offset)), 256);
 *     ring.unlink();
 * }
 * }</pre>
 *
 * <p>{@link Kind#SPSC}: one producer thread and one consumer thread at a time, anywhere (no lock, no CAS).
 * {@link Kind#MPMC}: any number of producers (claims by CAS) and consumers (serialised by a lock in the ring
 * that a dead holder loses). Claim, commit and read allocate nothing and make no system call unless the other
 * side sleeps (rings made with {@link RingOptions#wakeups()} false never make one; wait on them with
 * {@link WaitStrategies#BUSY_SPIN}). A handle keeps per-side state: each thread that produces or consumes
 * through an MPMC ring uses a handle of its own ({@code open} the name again).
 *
 * <p>Guarantees: a committed message is read once, whole; a producer that dies between claim and commit
 * leaves a record that consumers drop once they see it dead (or, if its liveness cannot be told, after
 * {@link RingOptions#stuckBound()}), and one paused anywhere (GC, SIGSTOP) keeps its claim; a consumer that
 * dies mid-read loses at most the batch it was reading.
 * An SPSC consumer hands space back to the producer in batches (see {@link #releaseRead()}).
 */
public final class SharedRing extends SharedObject {
    private static final long serialVersionUID = 1L;
    /** Returned by {@link #tryClaim} and the timed {@link #claim} when there is no room. */
    public static final int FULL = Ring.FULL;

    /** Who may produce and consume. */
    public enum Kind {
        /** One producer and one consumer at a time. */
        SPSC,
        /** Any number of producers and consumers, in any processes. */
        MPMC
    }

    private final transient Ring ring;
    private final transient Kind kind;
    private final transient Adapter adapter = new Adapter();
    private transient WaitStrategy strategy = WaitStrategies.defaultStrategy();

    private SharedRing(Region region) {
        super(region);
        this.ring = attach(region);
        this.kind = ring instanceof MpmcRing ? Kind.MPMC : Kind.SPSC;
    }

    private static Ring attach(Region region) {
        MappedBytes memory = region.bytes();
        int base = region.bodyOffset();
        if (region.bodyLength() < RingDescriptor.DATA_OFFSET + RingDescriptor.MIN_CAPACITY) {
            throw new CorruptedException("ring '" + region.name() + "' has a body of " + region.bodyLength()
                    + " bytes, less than the smallest ring");
        }
        boolean mpmc = (memory.getInt(base + RingDescriptor.FLAGS_OFFSET) & RingDescriptor.FLAG_MPMC) != 0;
        return mpmc ? new MpmcRing(region.name(), memory, base, region.processes())
                : new SpscRing(region.name(), memory, base, region.processes());
    }

    // ---- lifecycle

    /** Creates the ring {@code name}; fails with {@link org.ipc4j.errors.ObjectExistsException} if it exists. */
    public static SharedRing create(String name, Kind kind, RingOptions options) {
        return Region.create(name, ObjectType.RING, RingDescriptor.ringLength(options.capacity()),
                initialiser(kind, options)).buildOrClose(SharedRing::new);
    }

    /** A ring of {@code capacity} bytes (rounded up to a power of two) with default options. */
    public static SharedRing create(String name, Kind kind, int capacity) {
        return create(name, kind, RingOptions.ofCapacity(capacity));
    }

    /** An anonymous ring: pass it to other processes as a serialised handle. */
    public static SharedRing create(Kind kind, RingOptions options) {
        return create(RegionNames.anonymous(), kind, options);
    }

    public static SharedRing open(String name) {
        return Region.open(name, ObjectType.RING).buildOrClose(SharedRing::new);
    }

    /** As {@link #open(String)}, waiting at most {@code timeout} for another process to create it. */
    public static SharedRing open(String name, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return open(name);
    }

    /** Opens {@code name}, or creates it; an existing ring of the other kind is a {@link TypeMismatchException}. */
    public static SharedRing openOrCreate(String name, Kind kind, RingOptions options) {
        SharedRing ring = Region.openOrCreate(name, ObjectType.RING, RingDescriptor.ringLength(options.capacity()),
                initialiser(kind, options)).buildOrClose(SharedRing::new);
        if (ring.kind != kind) {
            ring.close();
            throw new TypeMismatchException("ring '" + name + "' is " + ring.kind + ", not " + kind);
        }
        return ring;
    }

    private static java.util.function.Consumer<MappedBytes> initialiser(Kind kind, RingOptions options) {
        Objects.requireNonNull(kind, "kind");
        return memory -> Ring.initialise(memory, RegionHeaderDescriptor.HEADER_LENGTH, options, kind == Kind.MPMC);
    }

    /** Uses {@code waitStrategy} for this handle's blocking calls that take none. */
    public SharedRing withWaitStrategy(WaitStrategy waitStrategy) {
        this.strategy = Objects.requireNonNull(waitStrategy);
        return this;
    }

    /** Hands read space back before closing (SPSC consumers release in batches). */
    @Override
    public void close() {
        if (!isClosed()) {
            ring.releaseRead();
        }
        super.close();
    }

    @Override
    protected Object writeReplace() {
        ensureOpen();
        ring.releaseRead();
        return super.writeReplace();
    }

    // ---- producing

    /**
     * Claims room for a message of {@code length} bytes: returns the offset in {@link #buffer()} where its
     * bytes go, or {@link #FULL}. Follow every successful claim with {@link #commit} or {@link #abort}.
     */
    public int tryClaim(int length) {
        ensureOpen();
        return ring.tryClaim(length);
    }

    /** As {@link #tryClaim}, waiting up to {@code timeout} for room with this handle's strategy; {@link #FULL} on timeout. */
    public int claim(int length, long timeout, TimeUnit unit) throws InterruptedException {
        return claim(length, timeout, unit, strategy);
    }

    public int claim(int length, long timeout, TimeUnit unit, WaitStrategy waitStrategy) throws InterruptedException {
        ensureOpen();
        return ring.claim(length, RecordDescriptor.TYPE_DATA, WaitStrategies.deadline(timeout, unit), waitStrategy,
                RingPeers.UNTRACKED);
    }

    /** Publishes the message claimed at {@code offset}. */
    public void commit(int offset) {
        ensureOpen();
        ring.commit(offset);
    }

    /** Gives up the message claimed at {@code offset}: consumers skip it. */
    public void abort(int offset) {
        ensureOpen();
        ring.abort(offset);
    }

    /** Writes {@code length} bytes of {@code src} from {@code offset} as one message; false if there is no room. */
    public boolean offer(byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        int at = tryClaim(length);
        if (at == FULL) {
            return false;
        }
        ring.memory().putBytes(at, src, offset, length);
        ring.commit(at);
        return true;
    }

    // ---- consuming

    /** Hands up to {@code limit} messages to {@code handler} in place, consuming them; returns how many. */
    public int read(MessageHandler handler, int limit) {
        ensureOpen();
        adapter.target = handler;
        try {
            return ring.read(adapter, limit);
        } finally {
            adapter.target = null;
        }
    }

    /** As {@link #read(MessageHandler, int)}, waiting up to {@code timeout} for a first message; 0 on timeout. */
    public int read(MessageHandler handler, int limit, long timeout, TimeUnit unit) throws InterruptedException {
        return read(handler, limit, timeout, unit, strategy);
    }

    public int read(MessageHandler handler, int limit, long timeout, TimeUnit unit, WaitStrategy waitStrategy)
            throws InterruptedException {
        ensureOpen();
        adapter.target = handler;
        try {
            return ring.read(adapter, limit, WaitStrategies.deadline(timeout, unit), waitStrategy, RingPeers.UNTRACKED);
        } finally {
            adapter.target = null;
        }
    }

    /** Hands up to {@code limit} committed messages to {@code handler} without consuming them. */
    public int peek(MessageHandler handler, int limit) {
        ensureOpen();
        adapter.target = handler;
        try {
            return ring.peek(adapter, limit);
        } finally {
            adapter.target = null;
        }
    }

    /**
     * Hands the space of messages this handle read back to producers now. An SPSC consumer otherwise does so
     * in batches: when it finds the ring empty, when a producer waits for room, after an eighth of the ring,
     * and at {@link #close()}; until then {@link #size()} still counts them.
     */
    public void releaseRead() {
        ensureOpen();
        ring.releaseRead();
    }

    // ---- state

    /** Where claimed offsets and handed messages point: a view of the whole mapping. Do not move its position. */
    public ByteBuffer buffer() {
        ensureOpen();
        return ring.buffer();
    }

    public Kind kind() {
        return kind;
    }

    /** Bytes of record area. */
    public int capacity() {
        return ring.capacity();
    }

    /** The largest message {@link #tryClaim} accepts. */
    public int maxMessageLength() {
        return ring.maxMessageLength();
    }

    /** Messages claimed and not yet consumed (0 exactly when drained; see {@link #releaseRead()}). */
    public long size() {
        ensureOpen();
        return ring.size();
    }

    public long consumedTotal() {
        ensureOpen();
        return ring.consumedTotal();
    }

    @Override
    public String toString() {
        return "SharedRing[" + name() + ", " + kind + ", " + ring.capacity() + " bytes" + (isClosed() ? ", closed" : "") + "]";
    }

    /** Turns the ring's records into messages without allocating per read. */
    private static final class Adapter implements RecordHandler {
        MessageHandler target;

        @Override
        public void onRecord(int type, ByteBuffer buffer, int offset, int length) {
            target.onMessage(buffer, offset, length);
        }
    }
}
