package org.ipc4j.sync;

import java.nio.ByteOrder;

import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of a {@link SharedLock} or {@link SharedRLock} region (offsets are absolute in the
 * file; the body starts after the 128-byte region header). Everything a hand-off touches sits on one cache
 * line, so a hand-off moves one line between cores.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |  Lock word: owner's ProcessIdentity.lockTag (low half,        | +0
 *  |            0 = free; the futex word)                          |
 *  |            acquisition count (high half, +1 per acquire)      |
 *  +-------------------------------+-------------------------------+
 *  |     Sleeping waiters          |   Hold count (RLock; owner)   | +8
 *  +-------------------------------+-------------------------------+
 *  |   Owner identity (ProcessIdentity of the owner, 0 = none)     | +16
 *  +---------------------------------------------------------------+
 *  |        Owner thread id (in the owner process, 0 = none)       | +24
 *  +-------------------------------+-------------------------------+
 *  | Acquisition that took over    |           Reserved            | +32
 *  | from a dead owner             |                               |
 *  +-------------------------------+-------------------------------+
 *  |          Owner deaths recovered (takeovers so far)            | +40
 *  +---------------------------------------------------------------+
 *  |                     Reserved up to +128                       | +48
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>The lock word is changed only by compare-and-set of all 64 bits. The acquisition count in the high
 * half makes every tenure distinct, so a takeover CAS from a dead owner's word can never succeed against a
 * later tenure that happens to show the same (reused) tag. Sleepers wait on the low half alone, which is
 * the 32-bit futex word; its address within the 64-bit word depends on the byte order.
 */
public final class LockDescriptor {
    public static final int BODY = RegionHeaderDescriptor.HEADER_LENGTH;
    public static final int LOCK_WORD_OFFSET = BODY;
    public static final int OWNER_TAG_FUTEX_OFFSET = BODY + (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 0 : 4);
    public static final int WAITERS_OFFSET = BODY + 8;
    public static final int HOLD_COUNT_OFFSET = BODY + 12;
    public static final int OWNER_IDENTITY_OFFSET = BODY + 16;
    public static final int OWNER_THREAD_OFFSET = BODY + 24;
    public static final int TAKEOVER_ACQUISITION_OFFSET = BODY + 32;
    public static final int OWNER_DEATHS_OFFSET = BODY + 40;
    public static final int BODY_LENGTH = 128;

    private LockDescriptor() {
    }

    public static int ownerTag(long lockWord) {
        return (int) lockWord;
    }

    public static int acquisition(long lockWord) {
        return (int) (lockWord >>> 32);
    }

    /** The word after the process with lock tag {@code tag} acquires the lock that showed {@code lockWord}. */
    public static long acquiredBy(long lockWord, int tag) {
        return ((lockWord & 0xFFFF_FFFF_0000_0000L) + (1L << 32)) | (tag & 0xFFFF_FFFFL);
    }

    /** The word after the owner of {@code lockWord} releases it: free, same acquisition count. */
    public static long released(long lockWord) {
        return lockWord & 0xFFFF_FFFF_0000_0000L;
    }
}
