package org.ipc4j.ring;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;

/**
 * For the kill-to-recovery benchmark: takes a producer of an MPMC {@link SharedRing} to the point between its
 * tail CAS and its record's header (the ring's own steps, stopped there), where a kill leaves claimed space
 * without a header. Lives in the benchmark, in the ring's package, to reach those steps.
 */
public final class ClaimWindow {
    private ClaimWindow() {
    }

    /** Opens ring {@code name} and claims room for an 8-byte message, then returns without writing its header. */
    public static void claimWithoutHeader(String name) {
        Region region = Region.open(name, ObjectType.RING);
        MpmcRing ring = new MpmcRing(name, region.bytes(), region.bodyOffset(), region.processes());
        ring.claims.begin();
        if (ring.moveTail(RecordDescriptor.align(RecordDescriptor.HEADER_LENGTH + Long.BYTES), false) < 0) {
            throw new IllegalStateException("'" + name + "' has no room for a claim");
        }
    }
}
