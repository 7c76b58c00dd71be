package org.ipc4j.os;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.memory.MappedBytes;

/**
 * This process's lifeline in a process table: a word of its slot that the kernel marks the moment the process
 * dies, before the process has finished exiting. A SIGKILLed JVM takes milliseconds to exit (the kernel tears
 * down its address space first), and every other sign of its death (its pidfd, its record lock, the end of its
 * pipes) comes only after that. A robust futex does not wait: each dying thread's robust list is walked as the
 * thread exits, before the teardown.
 *
 * <p>One daemon thread per slot registers a robust list (set_robust_list(2)) holding the slot's life word, writes
 * its own thread id into the word, and parks for the life of the JVM. When it dies, whatever kills the process,
 * the kernel sets {@link #OWNER_DIED} in the word and, if a watcher marked {@link #WAITERS}, wakes one
 * ({@link LifelineWatch}). The thread uses no robust pthread mutexes, so replacing its C library's list loses
 * nothing. Where the system calls are missing the word stays 0: no lifeline, and death is learnt as before.
 */
final class Lifeline {
    /** The kernel's futex bits for robust words: the owner died, and someone waits. */
    static final int OWNER_DIED = 0x4000_0000;
    static final int WAITERS = 0x8000_0000;
    static final int TID_MASK = 0x3fff_ffff;

    /** struct robust_list_head: the list's first entry, futex_offset, list_op_pending. */
    private static final int HEAD_LENGTH = 24;
    /** The lists' memory: reachable for ever, as the kernel reads it when the threads die. */
    private static final List<NativeBuffer> HELD = new CopyOnWriteArrayList<>();

    private Lifeline() {
    }

    /**
     * Starts the lifeline of the word at {@code offset} of {@code slots} (a shared mapping), without waiting for it:
     * the word holds the thread's id once its robust list is registered, and stays 0 where that cannot be done.
     */
    static void start(MappedBytes slots, int offset) {
        SystemCalls calls = SystemCalls.chosen();
        if (calls == null) {
            return;
        }
        long word = slots.address() + offset;
        if ((word & 3) != 0) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                if (!register(calls, word)) {
                    return;
                }
                // after the registration: a tid in the word always means the kernel will mark it at this thread's death
                slots.putIntVolatile(offset, (int) calls.call(LinuxCall.GETTID, 0, 0, 0, 0, 0, 0) & TID_MASK);
            } catch (LinkageError | RuntimeException e) {
                return; // no lifeline: death is learnt from the pidfd and the record lock
            }
            // never ends while the JVM runs: its death is the process's
            while (true) {
                LockSupport.park(Lifeline.class);
            }
        }, "ipc4j-lifeline");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Registers, for the calling thread, a robust list of one entry whose futex is {@code word}. The head and the
     * entry live in native memory kept for the life of the JVM (the thread never ends).
     */
    private static boolean register(SystemCalls calls, long word) {
        NativeBuffer block = new NativeBuffer(calls, HEAD_LENGTH + Long.BYTES);
        HELD.add(block);
        long head = block.address;
        long entry = head + HEAD_LENGTH;
        block.bytes.putLong(0, entry); // head.list.next
        block.bytes.putLong(8, word - entry); // futex_offset: entry + offset is the word
        block.bytes.putLong(16, 0); // list_op_pending
        block.bytes.putLong(HEAD_LENGTH, head); // entry.next: back to the head, the end of the list
        return calls.call(LinuxCall.SET_ROBUST_LIST, head, HEAD_LENGTH, 0, 0, 0, 0) == 0;
    }

    /** True if {@code word}, a life word's value, says its owner died (the kernel's mark). */
    static boolean ownerDied(int word) {
        return (word & OWNER_DIED) != 0;
    }
}
