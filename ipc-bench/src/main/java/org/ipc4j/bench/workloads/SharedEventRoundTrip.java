package org.ipc4j.bench.workloads;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.bench.latency.RoundTripWorkload;
import org.ipc4j.sync.SharedEvent;

/**
 * Set-to-wake through two {@link SharedEvent}s: the measuring side sets "request" and awaits "reply"; the peer
 * awaits "request", clears it, and sets "reply". Each side clears the event it waited for before it can be set
 * again, so no set is lost. One round trip = two set-to-wake latencies.
 */
public final class SharedEventRoundTrip implements RoundTripWorkload {
    private SharedEvent request;
    private SharedEvent reply;
    private TokenWord word;
    private boolean creator;

    @Override
    public String workload() {
        return WorkloadIds.EVENT_RTT;
    }

    @Override
    public String implementation() {
        return "ipc4j SharedEvent";
    }

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) {
        request = SharedEvent.create(context.name("request"));
        reply = SharedEvent.create(context.name("reply"));
        creator = true;
        context.put("request", request.name());
        context.put("reply", reply.name());
        word = TokenWord.create(context);
    }

    @Override
    public void attach(BenchContext context) {
        request = SharedEvent.open(context.get("request"));
        reply = SharedEvent.open(context.get("reply"));
        word = TokenWord.attach(context);
    }

    @Override
    public void ping(long token) throws InterruptedException {
        word.put(token);
        request.set();
        reply.await();
        reply.clear();
        long echoed = word.get();
        if (echoed != -token) {
            throw new IllegalStateException("sent " + token + ", the peer answered " + echoed);
        }
    }

    @Override
    public long pong() throws InterruptedException {
        request.await();
        request.clear();
        long token = word.get();
        word.put(-token);
        reply.set();
        return token;
    }

    @Override
    public String note() {
        return "set/await/clear of two events, default blocking wait strategy; a round trip is two set-to-wake";
    }

    @Override
    public void close() {
        if (word != null) {
            word.close();
        }
        for (SharedEvent event : new SharedEvent[] {request, reply}) {
            if (event != null) {
                if (creator) {
                    event.unlink();
                }
                event.close();
            }
        }
    }
}
