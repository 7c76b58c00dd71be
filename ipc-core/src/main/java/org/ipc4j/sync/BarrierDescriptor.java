package org.ipc4j.sync;

import java.nio.ByteOrder;

import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of a {@link SharedBarrier} region (offsets absolute in the file).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  | State, one 64-bit word changed only by CAS:                   | +0
 *  |   high half, the phase (futex word): generation << 1 | BROKEN |
 *  |   low half: bits 0-15 arrived in this generation,             |
 *  |             bits 16-31 outcome of the last 16 generations     |
 *  |             (bit 16 + g % 16 set: generation g ended broken)  |
 *  +-------------------------------+-------------------------------+
 *  |      Sleeping waiters         |       Parties (1..32767)      | +8
 *  +-------------------------------+-------------------------------+
 *  | Party table capacity          |           Reserved            | +16
 *  +-------------------------------+-------------------------------+
 *  |                     Reserved up to +64                        | +24
 *  +===============================================================+
 *  | Party entry i at +64 + 32 * i (a process that takes part):    |
 *  +---------------------------------------------------------------+
 *  |      Process (its ProcessIdentity; 0 = free entry)            | +0
 *  +---------------------------------------------------------------+
 *  |                          Reserved                             | +8
 *  +-------------------------------+-------------------------------+
 *  | Generation it last arrived in |           Reserved            | +16
 *  +-------------------------------+-------------------------------+
 *  |                          Reserved                             | +24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Arrivals and the end of a generation (trip, break, reset) are one CAS on the state, so they cannot
 * interleave. Waiters sleep on the phase alone, which arrivals do not touch. A waiter of generation g
 * woken by a new phase learns how g ended from the outcome bits, which stay valid for 16 generations.
 */
public final class BarrierDescriptor {
    public static final int BODY = RegionHeaderDescriptor.HEADER_LENGTH;
    public static final int STATE_OFFSET = BODY;
    public static final int PHASE_FUTEX_OFFSET = BODY + (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 4 : 0);
    public static final int WAITERS_OFFSET = BODY + 8;
    public static final int PARTIES_OFFSET = BODY + 12;
    public static final int TABLE_CAPACITY_OFFSET = BODY + 16;
    public static final int TABLE_OFFSET = BODY + 64;
    public static final int ENTRY_LENGTH = 32;
    public static final int ENTRY_PROCESS = 0;
    public static final int ENTRY_GENERATION = 16;

    public static final int BROKEN = 1;
    public static final int MAX_PARTIES = 0x7FFF;
    public static final int OUTCOME_GENERATIONS = 16;
    /** Room for processes that come and go beyond the parties of one generation. */
    public static final int SPARE_ENTRIES = 16;

    private BarrierDescriptor() {
    }

    public static int bodyLength(int tableCapacity) {
        return 64 + tableCapacity * ENTRY_LENGTH;
    }

    public static int entryOffset(int entry) {
        return TABLE_OFFSET + entry * ENTRY_LENGTH;
    }

    public static int phase(long state) {
        return (int) (state >>> 32);
    }

    public static int arrived(long state) {
        return (int) state & 0xFFFF;
    }

    public static int generation(int phase) {
        return phase >>> 1;
    }

    public static boolean isBroken(int phase) {
        return (phase & BROKEN) != 0;
    }

    public static long state(int phase, int arrived, int outcomes) {
        return ((long) phase << 32) | ((outcomes & 0xFFFFL) << 16) | (arrived & 0xFFFFL);
    }

    public static int outcomes(long state) {
        return (int) (state >>> 16) & 0xFFFF;
    }

    /** The phase that starts the generation after {@code generation}, not broken. */
    public static int nextPhase(int generation) {
        return (generation + 1) << 1;
    }

    /** Generations from {@code from} to {@code to}, modulo 2^31. */
    public static int generationsBetween(int from, int to) {
        return (to - from) & 0x7FFF_FFFF;
    }

    /** {@code outcomes} with generation {@code generation} recorded as ended broken or not. */
    public static int withOutcome(int outcomes, int generation, boolean broken) {
        int bit = 1 << (generation % OUTCOME_GENERATIONS);
        return broken ? outcomes | bit : outcomes & ~bit;
    }

    public static boolean endedBroken(int outcomes, int generation) {
        return (outcomes & (1 << (generation % OUTCOME_GENERATIONS))) != 0;
    }
}
