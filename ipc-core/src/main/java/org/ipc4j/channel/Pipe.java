package org.ipc4j.channel;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;
import org.ipc4j.ring.ProcessStamp;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.ring.SpscRing;

/**
 * Python's {@code multiprocessing.Pipe()}: two {@link Connection} ends over SPSC rings in one anonymous
 * region ({@link PipeDescriptor}). Pass an end to another process by serialising it; it attaches there. The
 * region is unlinked when both ends are closed (or one is closed and the other's holder died).
 */
public final class Pipe {
    /** 256 KiB per direction; messages above 32 KiB travel in blocks. */
    public static final int DEFAULT_CAPACITY = 1 << 18;

    private final Connection first;
    private final Connection second;

    private Pipe(Connection first, Connection second) {
        this.first = first;
        this.second = second;
    }

    /** A duplex pipe: both ends send and receive. */
    public static Pipe open() {
        return open(true);
    }

    /** With {@code duplex} false, {@link #first()} only receives and {@link #second()} only sends, as in Python. */
    public static Pipe open(boolean duplex) {
        return open(duplex, RingOptions.ofCapacity(DEFAULT_CAPACITY));
    }

    public static Pipe open(boolean duplex, RingOptions options) {
        return open(duplex, options, Codecs.serializable());
    }

    /**
     * {@code options} size each direction's ring; with {@code wakeups(false)} the ends must use a busy-spin
     * wait strategy. {@code codec} turns {@link Connection#send} objects into bytes (Java serialisation by default).
     */
    public static Pipe open(boolean duplex, RingOptions options, Codec<?> codec) {
        if (options.maxMessageLength() < RegionNames.MAX_LENGTH) {
            throw new IllegalArgumentException("a pipe's max inline message must be at least " + RegionNames.MAX_LENGTH
                    + " bytes, not " + options.maxMessageLength());
        }
        long self = ProcessStamp.current();
        Region region = Region.create(RegionNames.anonymous(), ObjectType.PIPE, PipeDescriptor.bodyLength(options.capacity(), duplex),
                memory -> initialise(memory, options, duplex, codec, self));
        Region secondRegion = Region.open(region.name(), ObjectType.PIPE);
        return new Pipe(new Connection(region, 0, false, codec), new Connection(secondRegion, 1, false, codec));
    }

    private static void initialise(MappedBytes memory, RingOptions options, boolean duplex, Codec<?> codec, long self) {
        int body = RegionHeaderDescriptor.HEADER_LENGTH;
        memory.putInt(body + PipeDescriptor.MAGIC_OFFSET, PipeDescriptor.MAGIC);
        memory.putInt(body + PipeDescriptor.FLAGS_OFFSET, duplex ? PipeDescriptor.FLAG_DUPLEX : 0);
        CodecIds.write(memory, body + PipeDescriptor.CODEC_ID_OFFSET, codec);
        memory.putLong(body + PipeDescriptor.END_0_OFFSET + PipeDescriptor.HOLDER_OFFSET, self);
        memory.putLong(body + PipeDescriptor.END_1_OFFSET + PipeDescriptor.HOLDER_OFFSET, self);
        SpscRing.initialise(memory, body + PipeDescriptor.RING_A_OFFSET, options);
        if (duplex) {
            SpscRing.initialise(memory, body + PipeDescriptor.ringBOffset(options.capacity()), options);
        }
    }

    public Connection first() {
        return first;
    }

    public Connection second() {
        return second;
    }
}
