package org.ipc4j.sync;

import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of a {@link SharedSemaphore} region (offsets absolute in the file).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   Permits (the futex word)    |      Sleeping waiters         | +0
 *  +-------------------------------+-------------------------------+
 *  | Waiters wanting > 1 permit    |  Flags (bit 0: bounded)       | +8
 *  +-------------------------------+-------------------------------+
 *  |   Initial permits (= bound)   |           Reserved            | +16
 *  +-------------------------------+-------------------------------+
 *  |                     Reserved up to +64                        | +24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Permits change only by CAS (acquire) or CAS with a bound check (release). A waiter that needs more than
 * one permit counts itself in +8 while it waits, which tells releasers to wake every sleeper rather than one
 * (a single wake could go to a waiter that still cannot proceed).
 */
public final class SemaphoreDescriptor {
    public static final int BODY = RegionHeaderDescriptor.HEADER_LENGTH;
    public static final int PERMITS_OFFSET = BODY;
    public static final int WAITERS_OFFSET = BODY + 4;
    public static final int BULK_WAITERS_OFFSET = BODY + 8;
    public static final int FLAGS_OFFSET = BODY + 12;
    public static final int INITIAL_PERMITS_OFFSET = BODY + 16;
    public static final int FLAG_BOUNDED = 1;
    public static final int BODY_LENGTH = 64;

    private SemaphoreDescriptor() {
    }
}
