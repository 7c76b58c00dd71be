package org.ipc4j.channel;

import java.util.List;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.ring.SpscRing;

/**
 * A read-only look at a pipe for tools ({@code ipc4j stat} and {@code dump}): who holds each end, whether it
 * was closed, and the messages waiting in each direction, taken nothing.
 */
public final class PipeInspection {
    /**
     * One end: the pid holding it (while it travels to another process, the pid that handed it over; 0 if it
     * is free or was given up), that process's liveness, whether the end was closed, whether it is in transit.
     */
    public record End(int index, long holderPid, boolean holderAlive, boolean closed, boolean inTransit) {
    }

    /**
     * @param toEnd0 messages waiting for end 0 (sent by end 1), oldest first, decoded with the pipe's codec
     *               where ipc4j knows it (else as byte arrays)
     * @param toEnd1 messages waiting for end 1; empty for a one-way pipe
     */
    public record Snapshot(boolean duplex, String codecId, List<End> ends, List<Object> toEnd0, List<Object> toEnd1) {
    }

    private PipeInspection() {
    }

    @SuppressWarnings("unchecked")
    public static Snapshot inspect(String name) {
        try (Region region = Region.open(name, ObjectType.PIPE)) {
            MappedBytes memory = region.bytes();
            int body = region.bodyOffset();
            if (region.bodyLength() < PipeDescriptor.RING_A_OFFSET
                    || memory.getInt(body + PipeDescriptor.MAGIC_OFFSET) != PipeDescriptor.MAGIC) {
                throw new CorruptedException("'" + name + "' does not hold a pipe: bad pipe magic");
            }
            boolean duplex = (memory.getInt(body + PipeDescriptor.FLAGS_OFFSET) & PipeDescriptor.FLAG_DUPLEX) != 0;
            String codecId = CodecIds.read(name, memory, body + PipeDescriptor.CODEC_ID_OFFSET);
            Codec<?> known = Codecs.byId(codecId);
            Codec<Object> codec = (Codec<Object>) (known != null ? known : Codecs.bytes());
            ProcessTable processes = region.processes();
            SpscRing ringA = new SpscRing(name, memory, body + PipeDescriptor.RING_A_OFFSET, processes);
            List<Object> toEnd0 = peek(name, ringA, codec);
            List<Object> toEnd1 = duplex
                    ? peek(name, new SpscRing(name, memory, body + PipeDescriptor.ringBOffset(ringA.capacity()), processes), codec)
                    : List.of();
            return new Snapshot(duplex, codecId, List.of(end(new EndLine(name, 0, memory, body, processes)),
                    end(new EndLine(name, 1, memory, body, processes))), toEnd0, toEnd1);
        }
    }

    private static List<Object> peek(String name, SpscRing ring, Codec<Object> codec) {
        Receiver<Object> receiver = new Receiver<>(name, codec);
        ring.peek(receiver, Integer.MAX_VALUE);
        return receiver.values();
    }

    private static End end(EndLine line) {
        long holder = line.holder();
        long process = EndLine.process(holder);
        return new End(line.end(), line.processes().recordedPid(process),
                process != ProcessIdentity.NONE && line.processes().isAlive(process),
                line.isClosed(), holder != PipeDescriptor.ABANDONED && EndLine.isInTransit(holder));
    }
}
