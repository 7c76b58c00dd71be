package org.ipc4j.sync;

import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;

/**
 * Layout of the body of a {@link SharedCondition} region (offsets absolute in the file): the name of the
 * lock it is bound to, and a table of waiter slots, one per thread waiting in any process.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |  Waiting slots (hint, >= true)|      Capacity (slots)         | +0
 *  +-------------------------------+-------------------------------+
 *  |                   Next ticket (arrival order)                 | +8
 *  +-------------------------------+-------------------------------+
 *  |  Lock type code (LOCK/RLOCK)  |   Lock name length (1..200)   | +16
 *  +-------------------------------+-------------------------------+
 *  |                 Lock name (ASCII, 200 bytes)                  | +24
 *  +---------------------------------------------------------------+
 *  |                     Reserved up to +256                       | +224
 *  +===============================================================+
 *  | Slot i at +256 + 32 * i:                                      |
 *  +-------------------------------+-------------------------------+
 *  | State (futex word):           |  Sleepers on this slot        | +0
 *  | 0 free, 1 waiting, 2 signalled|                               |
 *  +-------------------------------+-------------------------------+
 *  |                 Ticket (arrival order of the waiter)          | +8
 *  +---------------------------------------------------------------+
 *  |             Waiter process (its ProcessIdentity)              | +16
 *  +---------------------------------------------------------------+
 *  |                           Reserved                            | +24
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Every change to the table is made by a thread that holds the bound lock; a waiter only reads its own
 * slot's state while it sleeps. So the table needs no CAS: the lock's release and acquire order it. The
 * waiting count is a hint that lets {@code signal} return at once when nobody waits; a process dying in the
 * middle of an update can only leave it too high, and a scan that finds fewer waiters corrects it.
 */
public final class ConditionDescriptor {
    public static final int BODY = RegionHeaderDescriptor.HEADER_LENGTH;
    public static final int WAITING_OFFSET = BODY;
    public static final int CAPACITY_OFFSET = BODY + 4;
    public static final int NEXT_TICKET_OFFSET = BODY + 8;
    public static final int LOCK_TYPE_OFFSET = BODY + 16;
    public static final int LOCK_NAME_LENGTH_OFFSET = BODY + 20;
    public static final int LOCK_NAME_OFFSET = BODY + 24;
    public static final int LOCK_NAME_CAPACITY = RegionNames.MAX_LENGTH;
    public static final int SLOTS_OFFSET = BODY + 256;
    public static final int SLOT_LENGTH = 32;
    public static final int SLOT_STATE = 0;
    public static final int SLOT_SLEEPERS = 4;
    public static final int SLOT_TICKET = 8;
    public static final int SLOT_PROCESS = 16;

    public static final int FREE = 0;
    public static final int WAITING = 1;
    public static final int SIGNALLED = 2;

    public static final int DEFAULT_CAPACITY = 64;
    public static final int MAX_CAPACITY = 4096;

    private ConditionDescriptor() {
    }

    public static int bodyLength(int capacity) {
        return 256 + capacity * SLOT_LENGTH;
    }

    public static int slotOffset(int slot) {
        return SLOTS_OFFSET + slot * SLOT_LENGTH;
    }
}
