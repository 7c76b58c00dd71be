package org.ipc4j.channel;

import org.ipc4j.ring.RingDescriptor;

/**
 * Layout of a SharedQueue's region body (offsets from the body start): a line of queue state, a line for
 * the joinable counter, then an MPMC ring ({@link RingDescriptor}).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-------------------------------+-------------------------------+
 *  |   Magic "QUEU"                |   Flags (JOINABLE)            |    0  QUEUE
 *  +-------------------------------+-------------------------------+
 *  |   Shut down (0/1)             |   Reserved                    |
 *  +-------------------------------+-------------------------------+
 *  |   Codec id length             |   Codec id (ASCII, 60 bytes)  |   16
 *  +-------------------------------+-------------------------------+
 *  |   Unfinished tasks (futex)    |   Sleepers in join()          |  128  JOIN
 *  +-------------------------------+-------------------------------+
 *  |   Ring (RingDescriptor) ...                                   |  256  RING
 *  +---------------------------------------------------------------+
 * </pre>
 */
public final class QueueDescriptor {
    public static final int MAGIC = 0x5545_5551; // "QUEU" little-endian
    public static final int FLAG_JOINABLE = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int FLAGS_OFFSET = 4;
    public static final int SHUTDOWN_OFFSET = 8;
    public static final int CODEC_ID_OFFSET = 16;
    public static final int UNFINISHED_OFFSET = RingDescriptor.LINE;
    public static final int JOIN_SLEEPERS_OFFSET = RingDescriptor.LINE + 4;
    public static final int RING_OFFSET = 2 * RingDescriptor.LINE;

    private QueueDescriptor() {
    }

    public static int bodyLength(int capacity) {
        return RING_OFFSET + RingDescriptor.ringLength(capacity);
    }
}
