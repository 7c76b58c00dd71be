package org.ipc4j.sync;

import org.ipc4j.region.RegionHeaderDescriptor;

/**
 * Layout of the body of a {@link SharedEvent} region (offsets absolute in the file).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------------------------------------+-+
 *  |      Times set, modulo 2^31 (the futex word, bits 1-31)     |F| +0
 *  +-------------------------------------------------------------+-+
 *  |                       Sleeping waiters                        | +4
 *  +---------------------------------------------------------------+
 *  |                     Reserved up to +64                        | +8
 *  +---------------------------------------------------------------+
 *  F: the flag, 1 while set.
 * </pre>
 *
 * <p>{@code set} turns F on and counts one more set in the same CAS; {@code clear} turns F off and keeps the
 * count. A waiter that saw the word with F off returns as soon as the word differs, which only a set can
 * cause, so a set followed at once by a clear still releases every waiter that was waiting.
 */
public final class EventDescriptor {
    public static final int BODY = RegionHeaderDescriptor.HEADER_LENGTH;
    public static final int WORD_OFFSET = BODY;
    public static final int WAITERS_OFFSET = BODY + 4;
    public static final int FLAG = 1;
    public static final int BODY_LENGTH = 64;

    private EventDescriptor() {
    }

    /** The word after a set of an event showing {@code word} (flag off). */
    public static int setWord(int word) {
        return ((word & ~FLAG) + 2) | FLAG;
    }
}
