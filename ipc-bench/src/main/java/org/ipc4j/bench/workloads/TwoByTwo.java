package org.ipc4j.bench.workloads;

import java.util.List;

import org.ipc4j.bench.group.GroupWorkload;
import org.ipc4j.bench.harness.BenchContext;

/**
 * One-way 32-byte messages from 2 producer JVMs (workers 0 and 1) to the consumer JVMs after them, counting
 * what the consumers receive: 2 consumers (row msg32-2p2c), then the first consumer alone (row msg32-2p1c,
 * where the transport allows several consumers) or only that (where it allows one). A message carries its producer's index and sequence number (8 bytes each,
 * then the sequence again); each consumer checks that, per producer, the sequences it receives increase.
 */
public abstract class TwoByTwo implements GroupWorkload {
    static final int PRODUCERS = 2;
    static final int BATCH = 256;

    private final long[] lastSeen = {-1, -1};
    private long sequence;
    private int worker;

    /** Producer: tries to send (producer, sequence); false if there is no room now. */
    protected abstract boolean offer(int producer, long sequence) throws Exception;

    /** Consumer: receives what has arrived (up to a batch), passing each to {@link #received}; returns how many. */
    protected abstract int poll() throws Exception;

    /** 2 for a many-to-many transport; 1 where the transport allows a single consumer only. */
    protected int consumers() {
        return 2;
    }

    @Override
    public String unit() {
        return "msgs/s";
    }

    @Override
    public String group() {
        return WorkloadIds.TWO_BY_TWO_GROUP;
    }

    @Override
    public String workload() {
        return WorkloadIds.MSG32_TWO_BY_TWO;
    }

    @Override
    public int workers() {
        return PRODUCERS + consumers();
    }

    @Override
    public boolean counts(int worker) {
        return worker >= PRODUCERS;
    }

    @Override
    public List<Phase> phases() {
        Phase twoByOne = new Phase(WorkloadIds.MSG32_TWO_BY_ONE, PRODUCERS + 1);
        return consumers() == 1 ? List.of(twoByOne)
                : List.of(new Phase(WorkloadIds.MSG32_TWO_BY_TWO, PRODUCERS + 2), twoByOne);
    }

    @Override
    public final void attach(BenchContext context) throws Exception {
        worker = Integer.parseInt(context.get(WORKER));
        attachTransport(context, worker < PRODUCERS);
    }

    protected abstract void attachTransport(BenchContext context, boolean producer) throws Exception;

    @Override
    public long step(int worker, int phase) throws Exception {
        if (worker < PRODUCERS) {
            if (offer(worker, sequence)) {
                sequence++;
                return 1;
            }
            return 0;
        }
        return poll();
    }

    /** Consumer: checks one message's producer and sequence. */
    protected final void received(long producer, long seq, long repeated) {
        if (producer < 0 || producer >= PRODUCERS || seq != repeated || seq <= lastSeen[(int) producer]) {
            throw new IllegalStateException("consumer " + worker + " received producer " + producer + " sequence " + seq
                    + " (repeated " + repeated + ") after " + (producer >= 0 && producer < PRODUCERS
                    ? lastSeen[(int) producer] : "nothing"));
        }
        lastSeen[(int) producer] = seq;
    }

    static int size() {
        return BenchContext.MESSAGE_SIZE;
    }
}
