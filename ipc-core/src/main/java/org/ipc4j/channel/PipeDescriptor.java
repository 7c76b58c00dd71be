package org.ipc4j.channel;

import org.ipc4j.ring.RingDescriptor;

/**
 * Layout of a Pipe's region body (offsets from the body start): pipe state, one line per end saying which
 * process holds it, whether it was closed, how often it was handed over and to whom, then one SPSC ring per
 * direction.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   Magic "PIPE"                |   Flags (DUPLEX)              |    0  PIPE
 *  +-------------------------------+-------------------------------+
 *  |   Codec id length             |   Codec id (ASCII, 60 bytes)  |   16
 *  +-------------------------------+-------------------------------+
 *  |   End 0 holder word (below)                                   |  128  END 0
 *  +-------------------------------+-------------------------------+
 *  |   End 0 closed (0/1)          |   End 0 handovers (count)     |
 *  +-------------------------------+-------------------------------+
 *  |   End 0 receiver: the stamp of the process it was handed to   |
 *  +-------------------------------+-------------------------------+
 *  |   End 1 holder word                                           |  256  END 1
 *  +-------------------------------+-------------------------------+
 *  |   End 1 closed (0/1)          |   End 1 handovers             |
 *  +-------------------------------+-------------------------------+
 *  |   End 1 receiver                                              |
 *  +-------------------------------+-------------------------------+
 *  |   Ring A: end 1 sends, end 0 receives (RingDescriptor)        |  384  RING A
 *  +---------------------------------------------------------------+
 *  |   Ring B: end 0 sends, end 1 receives (duplex pipes only)     |  384 + ringLength
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * One-way pipes follow Python's {@code Pipe(duplex=False)}: end 0 only receives, end 1 only sends.
 *
 * <p>The holder word is {@link #FREE} (a named pipe's end nobody attached yet), a process stamp (pid in the
 * high half, low 32 bits of its start time in the low half: held by that process), {@link #IN_TRANSIT} with
 * the sender's stamp (handed over by serialisation, not attached yet), or {@link #ABANDONED} (the other end
 * gave up waiting for it to be attached). Attaching takes the word with one CAS.
 */
public final class PipeDescriptor {
    public static final int MAGIC = 0x4550_4950; // "PIPE" little-endian
    public static final int FLAG_DUPLEX = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int CODEC_ID_OFFSET = 16;
    public static final int END_0_OFFSET = RingDescriptor.LINE;
    public static final int END_1_OFFSET = 2 * RingDescriptor.LINE;
    /** Within an END line. */
    public static final int HOLDER_OFFSET = 0;
    public static final int CLOSED_OFFSET = 8;
    /** Incremented by every hand-over, so that the other end can tell one hand-over from the next. */
    public static final int HANDOVERS_OFFSET = 12;
    /** The process the last hand-over was for, if the sender knew it ({@link PipeHandover}); 0 if not. */
    public static final int RECEIVER_OFFSET = 16;
    public static final long FREE = 0;
    /** The top bit, never set in a stamp: the end is travelling from the stamp in the other bits. */
    public static final long IN_TRANSIT = Long.MIN_VALUE;
    /** In transit from nobody: the other end waited longer than the hand-over bound and gave it up. */
    public static final long ABANDONED = IN_TRANSIT;
    public static final int RING_A_OFFSET = 3 * RingDescriptor.LINE;

    private PipeDescriptor() {
    }

    public static int endOffset(int end) {
        return end == 0 ? END_0_OFFSET : END_1_OFFSET;
    }

    public static int ringBOffset(int capacity) {
        return RING_A_OFFSET + RingDescriptor.ringLength(capacity);
    }

    public static int bodyLength(int capacity, boolean duplex) {
        return RING_A_OFFSET + RingDescriptor.ringLength(capacity) * (duplex ? 2 : 1);
    }
}
