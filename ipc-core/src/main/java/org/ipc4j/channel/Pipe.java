package org.ipc4j.channel;

import java.time.Duration;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SpscRing;

/**
 * Python's {@code multiprocessing.Pipe()}: two {@link Connection} ends over SPSC rings in one region
 * ({@link PipeDescriptor}). Each end is held by one process at a time.
 *
 * <p>{@link #open()} makes an anonymous pipe whose two ends this process holds; pass an end to another
 * process by serialising it, and it attaches there. {@link #create(String)} makes a named pipe whose ends are
 * free until a process takes one: {@link #first()} or {@link #second()} here, {@link #openEnd(String, int)} in
 * any process, related or not. Taking an end whose holder is alive fails with
 * {@link org.ipc4j.errors.EndInUseException}; an end whose holder died can be taken again.
 *
 * <p>The region is unlinked when both ends are closed (or one is closed and the other's holder died or never
 * attached it in time). A named pipe with an end nobody took stays until {@link #unlink()}, {@code ipc4j rm}
 * or, once its creator is dead and nobody has it open, {@code ipc4j gc}.
 */
public final class Pipe {
    /**
     * 256 KiB per direction. Messages up to the ring's max message length (32 KiB here) travel as one record;
     * longer ones, up to {@code -Dipc4j.maxMessageBytes} (1 GiB by default), in fragments through the same
     * ring, so a pipe's memory is its rings whatever it carries. As with an OS pipe, a send longer than the
     * ring returns once the other end has received all but the last ring-full: two ends that each send one
     * before receiving wait for each other.
     */
    public static final int DEFAULT_CAPACITY = 1 << 18;

    /** The pipe's region as created or opened here; only its name and path are used once it is closed. */
    private final Region region;
    private final Codec<?> codec;
    private Connection first;
    private Connection second;

    private Pipe(Region region, Codec<?> codec, Connection first, Connection second) {
        this.region = region;
        this.codec = codec;
        this.first = first;
        this.second = second;
    }

    /** A duplex pipe: both ends send and receive. */
    public static Pipe open() {
        return open(true);
    }

    /** With {@code duplex} false, {@link #first()} only receives and {@link #second()} only sends, as in Python. */
    public static Pipe open(boolean duplex) {
        return open(duplex, defaultOptions());
    }

    public static Pipe open(boolean duplex, RingOptions options) {
        return open(duplex, options, Codecs.serializable());
    }

    /**
     * {@code options} size each direction's ring; with {@code wakeups(false)} the ends must use a busy-spin
     * wait strategy. {@code codec} turns {@link Connection#send} objects into bytes (Java serialisation by default).
     */
    public static Pipe open(boolean duplex, RingOptions options, Codec<?> codec) {
        checkOptions(options);
        long self = ProcessTable.of(RegionDirectory.current()).self();
        Region region = Region.create(RegionNames.anonymous(), ObjectType.PIPE, PipeDescriptor.bodyLength(options.capacity(), duplex),
                memory -> initialise(memory, options, duplex, codec, self));
        Region secondRegion = Region.open(region.name(), ObjectType.PIPE);
        return new Pipe(region, codec, new Connection(region, 0, true, codec), new Connection(secondRegion, 1, true, codec));
    }

    /** A named duplex pipe, both ends free; {@link org.ipc4j.errors.ObjectExistsException} if the name is taken. */
    public static Pipe create(String name) {
        return create(name, true);
    }

    public static Pipe create(String name, boolean duplex) {
        return create(name, duplex, defaultOptions());
    }

    public static Pipe create(String name, boolean duplex, RingOptions options) {
        return create(name, duplex, options, Codecs.serializable());
    }

    /** As {@link #open(boolean, RingOptions, Codec)}, named, with both ends free. */
    public static Pipe create(String name, boolean duplex, RingOptions options, Codec<?> codec) {
        checkOptions(options);
        Region region = Region.create(name, ObjectType.PIPE, PipeDescriptor.bodyLength(options.capacity(), duplex),
                memory -> initialise(memory, options, duplex, codec, PipeDescriptor.FREE));
        region.close();
        return new Pipe(region, codec, null, null);
    }

    /**
     * The named pipe {@code name}, created as {@link #create(String, boolean, RingOptions, Codec)} does if it
     * does not exist: for two programs that may start in either order. An existing pipe keeps its own
     * direction and sizes; its codec must be {@code codec}'s.
     */
    public static Pipe openOrCreate(String name, boolean duplex, RingOptions options, Codec<?> codec) {
        checkOptions(options);
        Region region = Region.openOrCreate(name, ObjectType.PIPE, PipeDescriptor.bodyLength(options.capacity(), duplex),
                memory -> initialise(memory, options, duplex, codec, PipeDescriptor.FREE));
        try {
            CodecIds.check(name, CodecIds.read(name, region.bytes(), region.bodyOffset() + PipeDescriptor.CODEC_ID_OFFSET), codec);
        } finally {
            region.close();
        }
        return new Pipe(region, codec, null, null);
    }

    /**
     * Attaches end {@code end} (0 or 1, as {@link #first()} and {@link #second()}) of the pipe {@code name} in
     * this process, decoding with the built-in codec the pipe was made with. The end must be free, or its
     * holder dead: {@link org.ipc4j.errors.EndInUseException} if a live process holds it.
     */
    public static Connection openEnd(String name, int end) {
        return Connection.attach(name, end);
    }

    /** As {@link #openEnd(String, int)}, waiting at most {@code timeout} for another process to create the pipe. */
    public static Connection openEnd(String name, int end, Duration timeout) throws InterruptedException {
        Region.awaitCreated(name, timeout);
        return openEnd(name, end);
    }

    /** As {@link #openEnd(String, int)} for a pipe made with {@code codec}. */
    public static Connection openEnd(String name, int end, Codec<?> codec) {
        return Connection.attach(name, end, codec);
    }

    private static RingOptions defaultOptions() {
        return RingOptions.ofCapacity(DEFAULT_CAPACITY);
    }

    private static void checkOptions(RingOptions options) {
        if (options.maxMessageLength() < RegionNames.MAX_LENGTH) {
            throw new IllegalArgumentException("a pipe's max inline message must be at least " + RegionNames.MAX_LENGTH
                    + " bytes, not " + options.maxMessageLength());
        }
    }

    private static void initialise(MappedBytes memory, RingOptions options, boolean duplex, Codec<?> codec, long holder) {
        int body = RegionHeaderDescriptor.HEADER_LENGTH;
        memory.putInt(body + PipeDescriptor.MAGIC_OFFSET, PipeDescriptor.MAGIC);
        memory.putInt(body + PipeDescriptor.FLAGS_OFFSET, duplex ? PipeDescriptor.FLAG_DUPLEX : 0);
        CodecIds.write(memory, body + PipeDescriptor.CODEC_ID_OFFSET, codec);
        memory.putLong(body + PipeDescriptor.END_0_OFFSET + PipeDescriptor.HOLDER_OFFSET, holder);
        memory.putLong(body + PipeDescriptor.END_1_OFFSET + PipeDescriptor.HOLDER_OFFSET, holder);
        SpscRing.initialise(memory, body + PipeDescriptor.RING_A_OFFSET, options);
        if (duplex) {
            SpscRing.initialise(memory, body + PipeDescriptor.ringBOffset(options.capacity()), options);
        }
    }

    /** End 0; of a named pipe, attached in this process on the first call (see {@link #openEnd(String, int)}). */
    public synchronized Connection first() {
        if (first == null) {
            first = Connection.attach(name(), 0, codec);
        }
        return first;
    }

    /** End 1; of a named pipe, attached in this process on the first call. */
    public synchronized Connection second() {
        if (second == null) {
            second = Connection.attach(name(), 1, codec);
        }
        return second;
    }

    public String name() {
        return region.name();
    }

    /** Removes the pipe's name; ends already attached keep working. Quiet if gone. */
    public void unlink() {
        region.unlink();
    }
}
