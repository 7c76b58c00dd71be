package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.sync.SharedSemaphore;

/**
 * Two {@link SharedSemaphore}s of 0 permits passed back and forth: the measuring side releases "request"
 * and acquires "reply", the peer acquires "request" and releases "reply". One round trip = two hand-offs.
 */
public final class SharedSemaphorePingPong implements RoundTripWorkload {
    private SharedSemaphore request;
    private SharedSemaphore reply;
    private TokenWord word;
    private boolean creator;

    @Override
    public String workload() {
        return WorkloadIds.SEMAPHORE_PING_PONG;
    }

    @Override
    public String implementation() {
        return "ipc4j SharedSemaphore";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        request = SharedSemaphore.create(context.name("request"), 0);
        reply = SharedSemaphore.create(context.name("reply"), 0);
        creator = true;
        context.put("request", request.name());
        context.put("reply", reply.name());
        word = TokenWord.create(context);
    }

    @Override
    public void attach(BenchContext context) {
        request = SharedSemaphore.open(context.get("request"));
        reply = SharedSemaphore.open(context.get("reply"));
        word = TokenWord.attach(context);
    }

    @Override
    public void ping(long token) throws InterruptedException {
        word.put(token);
        request.release();
        reply.acquire();
        long echoed = word.get();
        if (echoed != -token) {
            throw new IllegalStateException("sent " + token + ", the peer answered " + echoed);
        }
    }

    @Override
    public long pong() throws InterruptedException {
        request.acquire();
        long token = word.get();
        word.put(-token);
        reply.release();
        return token;
    }

    @Override
    public String note() {
        return "release/acquire of two 0-permit semaphores, default blocking wait strategy";
    }

    @Override
    public void close() {
        if (word != null) {
            word.close();
        }
        for (SharedSemaphore semaphore : new SharedSemaphore[] {request, reply}) {
            if (semaphore != null) {
                if (creator) {
                    semaphore.unlink();
                }
                semaphore.close();
            }
        }
    }
}
