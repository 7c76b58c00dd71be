package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.sync.SharedLock;

/**
 * ipc4j {@link SharedLock} contended by two JVMs, the same loop as {@link FileLockHandoff}: both sides lock,
 * touch a word under the lock, unlock; the measuring side times each lock+write+unlock.
 */
public final class SharedLockHandoff implements RoundTripWorkload {
    private SharedLock lock;
    private TokenWord word;
    private boolean creator;

    @Override
    public String workload() {
        return WorkloadIds.LOCK_HANDOFF;
    }

    @Override
    public String implementation() {
        return "ipc4j SharedLock";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        lock = SharedLock.create(context.name("lock"));
        creator = true;
        context.put("lock", lock.name());
        word = TokenWord.create(context);
    }

    @Override
    public void attach(BenchContext context) {
        lock = SharedLock.open(context.get("lock"));
        word = TokenWord.attach(context);
    }

    @Override
    public void ping(long token) {
        lock.lock();
        try {
            word.put(token);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long pong() {
        lock.lock();
        try {
            return word.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String note() {
        return "both JVMs loop lock/write/unlock (default blocking wait strategy); time of one lock+write+unlock";
    }

    @Override
    public void close() {
        if (word != null) {
            word.close();
        }
        if (lock != null) {
            if (creator) {
                lock.unlink();
            }
            lock.close();
        }
    }
}
