package org.ipc4j.ring;

import java.nio.ByteBuffer;

import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.region.RegionDirectory;

/**
 * Rings for jcstress states: one per state, on direct memory (the protocols under test are the JVM's memory
 * model, the same on a mapping), identities from the default directory's process table.
 */
final class StressRings {
    static final int CAPACITY = RingDescriptor.MIN_CAPACITY;
    private static final ProcessTable PROCESSES = ProcessTable.of(RegionDirectory.current());

    private StressRings() {
    }

    static SpscRing spsc() {
        MappedBytes memory = memory();
        Ring.initialise(memory, 0, RingOptions.ofCapacity(CAPACITY), false);
        return new SpscRing("jcstress-spsc", memory, 0, PROCESSES);
    }

    static MpmcRing mpmc() {
        MappedBytes memory = memory();
        Ring.initialise(memory, 0, RingOptions.ofCapacity(CAPACITY), true);
        return new MpmcRing("jcstress-mpmc", memory, 0, PROCESSES);
    }

    /** Claims {@code Long.BYTES * values.length}, writes the values, commits. */
    static void send(Ring ring, long... values) {
        int at = ring.tryClaim(Long.BYTES * values.length);
        if (at < 0) {
            throw new IllegalStateException("an empty ring of " + CAPACITY + " bytes refused a claim");
        }
        for (int i = 0; i < values.length; i++) {
            ring.buffer().putLong(at + i * Long.BYTES, values[i]);
        }
        ring.commit(at);
    }

    private static MappedBytes memory() {
        // 128-aligned: the ring's lines, and the atomic access to its words, need it
        return new MappedBytes(ByteBuffer.allocateDirect(RingDescriptor.ringLength(CAPACITY) + RingDescriptor.LINE)
                .alignedSlice(RingDescriptor.LINE));
    }
}
