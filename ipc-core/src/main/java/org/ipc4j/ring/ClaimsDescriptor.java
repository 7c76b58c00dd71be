package org.ipc4j.ring;

/**
 * Layout of a ring's claims table, after its record area: which producer processes may be between moving an
 * MPMC ring's tail and writing the header of the record they claimed (see {@link InFlightClaims}). Offsets
 * are relative to the table's start; each slot has a 128-byte line of its own, written by one process.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |   Epoch: its low bit picks the half new claims count in       |     0  EPOCH (consumers)
 *  +---------------------------------------------------------------+
 *  |   Owner (unused: the slot of producers that found no other)   |   128  SLOT 0, shared
 *  +---------------------------------------------------------------+
 *  |   Claims in flight counted in half 0                          |
 *  +---------------------------------------------------------------+
 *  |   Claims in flight counted in half 1                          |
 *  +---------------------------------------------------------------+
 *  |   Owner: org.ipc4j.os.ProcessIdentity, 0 while free           |   256  SLOT 1 .. SLOT_COUNT - 1
 *  +---------------------------------------------------------------+
 *  |   ... as slot 0                                               |
 * </pre>
 *
 * <p>A slot belongs to one process for that process's life (every handle and thread of it counts there);
 * a slot whose owner is dead is taken over, counts reset. A process that finds every slot owned by a live
 * process counts in the shared slot 0, whose claims nobody can judge.
 */
public final class ClaimsDescriptor {
    public static final int LINE = RingDescriptor.LINE;
    public static final int EPOCH_OFFSET = 0;
    public static final int SLOT_COUNT = 63;
    /** The shared slot of producers that found no free one. */
    public static final int SHARED_SLOT = 0;
    public static final int OWNER_OFFSET = 0;
    public static final int IN_FLIGHT_OFFSET = 8;
    public static final int LENGTH = LINE + SLOT_COUNT * LINE;

    private ClaimsDescriptor() {
    }

    /** Offset of slot {@code slot} in the table. */
    public static int slotOffset(int slot) {
        return LINE + slot * LINE;
    }

    /** Offset, within a slot, of the in-flight count of epoch half {@code half} (0 or 1). */
    public static int inFlightOffset(int half) {
        return IN_FLIGHT_OFFSET + half * Long.BYTES;
    }
}
