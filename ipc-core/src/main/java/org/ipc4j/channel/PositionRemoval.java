package org.ipc4j.channel;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordFilter;

/**
 * Matches the records at the given positions (ascending), those of a {@link QueueSnapshot} chosen for
 * removal; positions already consumed are simply not met. Remembers what it removed: how many, and the
 * blocks of large elements, which the queue discards after the walk.
 */
final class PositionRemoval implements RecordFilter {
    private final String owner;
    private final long[] positions;
    private final List<String> blocks = new ArrayList<>();
    private int next;
    private int removed;

    PositionRemoval(String owner, long[] positions) {
        this.owner = owner;
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
        if (type == RecordDescriptor.TYPE_BLOCK_REFERENCE) {
            blocks.add(MessageBlocks.readReference(owner, buffer, offset, length));
        }
        removed++;
        return true;
    }

    int removed() {
        return removed;
    }

    /** The blocks of the large elements removed. */
    List<String> blocks() {
        return blocks;
    }
}
