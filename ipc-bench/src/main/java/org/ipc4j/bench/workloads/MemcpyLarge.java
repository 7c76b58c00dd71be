package org.ipc4j.bench.workloads;

import java.util.List;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;

/**
 * The machine's copy bandwidth beside the {@link LargeOneWay} rows: one worker JVM copies a message of each size
 * from one array to another ({@link System#arraycopy}), over and over. A transfer between processes through
 * shared memory copies twice (in, then out), so half of this row is what any of them can reach.
 */
public final class MemcpyLarge implements GroupWorkload {
    private byte[][] sources;
    private byte[] target;

    @Override
    public String group() {
        return WorkloadIds.LARGE_MESSAGE_GROUP;
    }

    @Override
    public String workload() {
        return WorkloadIds.largeOneWay(LargeOneWay.SIZES[0]);
    }

    @Override
    public String implementation() {
        return "memcpy (one thread)";
    }

    @Override
    public Kind kind() {
        return Kind.PEER;
    }

    @Override
    public int workers() {
        return 1;
    }

    @Override
    public String unit() {
        return "GB/s";
    }

    @Override
    public double unitsPerCount() {
        return 1e-9;
    }

    @Override
    public List<Phase> phases() {
        return LargeOneWay.phases(LargeOneWay.SIZES, 1);
    }

    @Override
    public void create(BenchContext context) {
    }

    @Override
    public void attach(BenchContext context) {
        int[] sizes = LargeOneWay.SIZES;
        sources = new byte[sizes.length][];
        for (int p = 0; p < sizes.length; p++) {
            sources[p] = LargeOneWay.pattern(sizes[p]);
        }
        target = new byte[sizes[sizes.length - 1]];
    }

    @Override
    public long step(int worker, int phase) {
        byte[] source = sources[phase];
        System.arraycopy(source, 0, target, 0, source.length);
        return source.length;
    }

    @Override
    public String note() {
        return "System.arraycopy of the message between two heap arrays in one thread, the same sizes";
    }

    @Override
    public void close() {
    }
}
