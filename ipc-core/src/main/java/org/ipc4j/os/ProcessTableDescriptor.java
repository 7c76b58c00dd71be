package org.ipc4j.os;

/**
 * Layout of a directory's process table, the file {@value #FILE_NAME} beside the region files: one slot per
 * running process that uses objects in the directory. A process holds an exclusive POSIX record lock on the
 * first byte of its slot for as long as it runs; the kernel drops the lock when the process dies, however it
 * dies and whatever PID namespace it is in, which is what makes a slot's liveness trustworthy across
 * containers that share the directory but not their pids.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic "IPC4JPRC"                       |  0
 *  +-------------------------------+-------------------------------+
 *  |        Layout version         |          Slot count           |  8
 *  +-------------------------------+-------------------------------+
 *  |          Slot length          |     Reserved up to 128        | 16
 *  +-------------------------------+-------------------------------+
 *  slot i at 128 + i * 64:
 *  +---------------------------------------------------------------+
 *  |  Generation (1..65535; +1 per claim; written last, release)   | +0   first byte: the record lock
 *  +---------------------------------------------------------------+
 *  |           Pid of the holder, in its own PID namespace         | +8
 *  +---------------------------------------------------------------+
 *  |       Inode of the holder's PID namespace (0 = unknown)       | +16
 *  +---------------------------------------------------------------+
 *  |                  Claimed at (epoch milliseconds)              | +24
 *  +-------------------------------+-------------------------------+
 *  |W|D|  Life word: the holder's   |        Reserved up to +64     | +32
 *  | | | lifeline thread id, 0: none|                               |
 *  +-------------------------------+-------------------------------+
 * </pre>
 *
 * <p>The life word is a robust futex ({@code Lifeline}): the kernel sets D (bit 30, owner died) as the
 * holder's lifeline thread dies, which is as the process dies and milliseconds before it has exited, and wakes
 * a sleeper if W (bit 31, waiters) is set. The claimer clears it before it publishes the generation. A slot is
 * 64 bytes, so that each life word, which sleepers mark, has a cache line of its own.
 *
 * <p>A {@link ProcessIdentity} of kind TABLE names a slot and a generation. Its process is dead when the
 * slot's generation differs (the slot was claimed again, which takes the lock, which only a death frees) or
 * when nobody holds the slot's lock, or when its life word says the holder died.
 */
public final class ProcessTableDescriptor {
    public static final String FILE_NAME = ".ipc4j-processes";
    public static final long MAGIC = 0x4352_504A_3443_5049L; // "IPC4JPRC" read as a little-endian long
    public static final int LAYOUT_VERSION = 2;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int SLOT_COUNT_OFFSET = 12;
    public static final int SLOT_LENGTH_OFFSET = 16;
    public static final int HEADER_LENGTH = 128;

    public static final int SLOT_COUNT = 1 << ProcessIdentity.SLOT_BITS;
    public static final int SLOT_LENGTH = 64;
    public static final int GENERATION_OFFSET = 0;
    public static final int PID_OFFSET = 8;
    public static final int PID_NAMESPACE_OFFSET = 16;
    public static final int CLAIMED_MILLIS_OFFSET = 24;
    public static final int LIFE_WORD_OFFSET = 32;

    public static final int FILE_LENGTH = HEADER_LENGTH + SLOT_COUNT * SLOT_LENGTH;

    private ProcessTableDescriptor() {
    }

    public static int slotOffset(int slot) {
        return HEADER_LENGTH + slot * SLOT_LENGTH;
    }
}
