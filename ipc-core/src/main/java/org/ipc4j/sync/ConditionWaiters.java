package org.ipc4j.sync;

import static org.ipc4j.sync.ConditionDescriptor.FREE;
import static org.ipc4j.sync.ConditionDescriptor.NEXT_TICKET_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.SIGNALLED;
import static org.ipc4j.sync.ConditionDescriptor.SLOT_PROCESS;
import static org.ipc4j.sync.ConditionDescriptor.SLOT_SLEEPERS;
import static org.ipc4j.sync.ConditionDescriptor.SLOT_STATE;
import static org.ipc4j.sync.ConditionDescriptor.SLOT_TICKET;
import static org.ipc4j.sync.ConditionDescriptor.WAITING;
import static org.ipc4j.sync.ConditionDescriptor.WAITING_OFFSET;
import static org.ipc4j.sync.ConditionDescriptor.slotOffset;

import org.ipc4j.errors.TooManyWaitersException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.wait.FutexWord;

/**
 * The waiter table of a {@link SharedCondition} (see {@link ConditionDescriptor}). Every method but
 * {@link #state} and {@link #word} must be called while holding the condition's lock.
 *
 * <p>{@code signal} hands the wake-up to the oldest waiter whose process is alive, so a waiter killed while
 * waiting never swallows a signal meant for a live one; its slot is freed on the way.
 */
final class ConditionWaiters {
    private final String name;
    private final MappedBytes bytes;
    private final int capacity;
    private final FutexWord[] words;
    private final ProcessTable processes;
    private final long self;

    ConditionWaiters(String name, MappedBytes bytes, int capacity, ProcessTable processes) {
        this.name = name;
        this.bytes = bytes;
        this.capacity = capacity;
        this.words = new FutexWord[capacity];
        for (int i = 0; i < capacity; i++) {
            words[i] = new FutexWord(bytes, slotOffset(i) + SLOT_STATE, slotOffset(i) + SLOT_SLEEPERS);
        }
        this.processes = processes;
        this.self = processes.self();
    }

    /** Takes a free slot for the calling thread, in arrival order; returns its index. */
    int register() {
        int slot = findFree();
        if (slot < 0) {
            freeDeadWaiters();
            slot = findFree();
            if (slot < 0) {
                throw new TooManyWaitersException("condition '" + name + "': all " + capacity
                        + " waiter slots are taken; create it with a larger capacity");
            }
        }
        int at = slotOffset(slot);
        long ticket = bytes.getLong(NEXT_TICKET_OFFSET);
        bytes.putLong(NEXT_TICKET_OFFSET, ticket + 1);
        bytes.putLong(at + SLOT_TICKET, ticket);
        bytes.putLong(at + SLOT_PROCESS, self);
        bytes.getAndAddInt(WAITING_OFFSET, 1);
        // release: the slot's fields above are visible to whoever sees it WAITING (signallers hold the lock anyway)
        bytes.putIntVolatile(at + SLOT_STATE, WAITING);
        return slot;
    }

    /** Frees the caller's slot; true if it had been signalled. */
    boolean unregister(int slot) {
        int at = slotOffset(slot);
        int state = bytes.getIntVolatile(at + SLOT_STATE);
        bytes.putLong(at + SLOT_PROCESS, ProcessIdentity.NONE);
        // under the lock, like every table change: the lock's release/acquire orders it for the next user of the slot
        bytes.putIntVolatile(at + SLOT_STATE, FREE);
        if (state == WAITING) {
            bytes.getAndAddInt(WAITING_OFFSET, -1);
        }
        return state == SIGNALLED;
    }

    int state(int slot) {
        return bytes.getIntVolatile(slotOffset(slot) + SLOT_STATE);
    }

    FutexWord word(int slot) {
        return words[slot];
    }

    /** Signals the oldest live waiter, if any. */
    void signalOne() {
        while (bytes.getIntVolatile(WAITING_OFFSET) > 0) {
            int oldest = -1;
            long oldestTicket = Long.MAX_VALUE;
            for (int i = 0; i < capacity; i++) {
                int at = slotOffset(i);
                if (bytes.getIntVolatile(at + SLOT_STATE) == WAITING && bytes.getLong(at + SLOT_TICKET) < oldestTicket) {
                    oldest = i;
                    oldestTicket = bytes.getLong(at + SLOT_TICKET);
                }
            }
            if (oldest < 0) {
                bytes.putIntVolatile(WAITING_OFFSET, 0);
                return;
            }
            int at = slotOffset(oldest);
            if (isDeadWaiter(at)) {
                unregister(oldest);
                continue;
            }
            signal(oldest);
            return;
        }
    }

    void signalAll() {
        if (bytes.getIntVolatile(WAITING_OFFSET) == 0) {
            return;
        }
        for (int i = 0; i < capacity; i++) {
            if (bytes.getIntVolatile(slotOffset(i) + SLOT_STATE) == WAITING) {
                signal(i);
            }
        }
        bytes.putIntVolatile(WAITING_OFFSET, 0);
    }

    /** How many slots are waiting or signalled and not yet back, for tools (racy snapshot). */
    int occupied() {
        int count = 0;
        for (int i = 0; i < capacity; i++) {
            if (bytes.getIntVolatile(slotOffset(i) + SLOT_STATE) != FREE) {
                count++;
            }
        }
        return count;
    }

    private void signal(int slot) {
        // release: the signaller's writes (under the lock) are visible to the waiter that sees SIGNALLED
        bytes.putIntVolatile(slotOffset(slot) + SLOT_STATE, SIGNALLED);
        bytes.getAndAddInt(WAITING_OFFSET, -1);
        words[slot].wakeOne();
    }

    private boolean isDeadWaiter(int at) {
        long process = bytes.getLong(at + SLOT_PROCESS);
        return process != self && !processes.isAlive(process);
    }

    private int findFree() {
        for (int i = 0; i < capacity; i++) {
            if (bytes.getIntVolatile(slotOffset(i) + SLOT_STATE) == FREE) {
                return i;
            }
        }
        return -1;
    }

    private void freeDeadWaiters() {
        int waiting = 0;
        for (int i = 0; i < capacity; i++) {
            int at = slotOffset(i);
            int state = bytes.getIntVolatile(at + SLOT_STATE);
            if (state != FREE && isDeadWaiter(at)) {
                bytes.putLong(at + SLOT_PROCESS, ProcessIdentity.NONE);
                bytes.putIntVolatile(at + SLOT_STATE, FREE);
            } else if (state == WAITING) {
                waiting++;
            }
        }
        bytes.putIntVolatile(WAITING_OFFSET, waiting);
    }
}
