package org.ipc4j.channel;

import java.nio.ByteBuffer;

import org.ipc4j.ring.RecordFilter;

/**
 * Matches the records at the given positions (ascending), those of a {@link QueueSnapshot} chosen for
 * removal; positions already consumed are simply not met. Counts what it removed.
 */
final class PositionRemoval implements RecordFilter {
    private final long[] positions;
    private int next;
    private int removed;

    PositionRemoval(long[] positions) {
        this.positions = positions;
    }

    @Override
    public boolean matches(long position, int type, ByteBuffer buffer, int offset, int length) {
        while (next < positions.length && positions[next] < position) {
            next++;
        }
        if (next == positions.length || positions[next] != position) {
            return false;
        }
        next++;
        removed++;
        return true;
    }

    int removed() {
        return removed;
    }
}
