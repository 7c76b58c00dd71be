package org.ipc4j.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two MPMC producers (tail CAS, claims-table count, header, commit), the second of which then reads: every
 * message arrives once, whole, whatever the race. (jcstress runs a test only with a CPU per actor: two here.)
 * r1: the values the second actor read during the race (bit 0 for 1, bit 1 for 2; 0 while the first's record,
 * claimed ahead of its own, is unwritten); r2: the values read by the end; r3: how many messages, by the end.
 */
@JCStressTest
@Outcome(id = {"0, 3, 2", "2, 3, 2", "3, 3, 2"}, expect = ACCEPTABLE, desc = "each message once, whole")
@Outcome(expect = FORBIDDEN, desc = "a message lost, torn, read twice, or read before one committed ahead of it")
@State
public class MpmcTwoProducersStress {
    private final Ring ring = StressRings.mpmc();
    private int seen;
    private int count;

    @Actor
    public void first() {
        StressRings.send(ring, 1L);
    }

    @Actor
    public void secondThenRead(III_Result r) {
        StressRings.send(ring, 2L);
        readAll(2);
        r.r1 = seen;
    }

    @Arbiter
    public void end(III_Result r) {
        readAll(2);
        r.r2 = seen;
        r.r3 = count;
    }

    private void readAll(int limit) {
        ring.read((type, buffer, offset, length) -> {
            long value = length == Long.BYTES ? buffer.getLong(offset) : -1;
            seen |= value == 1 || value == 2 ? (int) value : 4;
            count++;
        }, limit);
    }
}
