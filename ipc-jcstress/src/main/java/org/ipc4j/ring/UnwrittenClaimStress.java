package org.ipc4j.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * The claims table (issue #16 item 3): a consumer that saw tail moved and no header asks the table, and may
 * drop the space only if it finds no live claim in flight. A producer in the window between its tail CAS and
 * its header must always be found: "4" (table says nobody, header still missing) would drop a live claim.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "tail not moved yet")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "header already there")
@Outcome(id = "2", expect = ACCEPTABLE, desc = "no header yet; the table shows a live claim in flight")
@Outcome(id = "3", expect = ACCEPTABLE, desc = "no header, then nobody in flight: the header is there by then")
@Outcome(id = "4", expect = FORBIDDEN, desc = "nobody in flight and still no header: a live claim would be dropped")
@State
public class UnwrittenClaimStress {
    private static final int SPAN = 32;
    private final MpmcRing ring = StressRings.mpmc();

    @Actor
    public void producer() {
        int ticket = ring.claims.begin();
        int at = ring.moveTail(SPAN, false);
        ring.writeHeader(at, RecordDescriptor.headerWord(-SPAN, RecordDescriptor.TYPE_DATA));
        ring.claims.end(ticket);
    }

    @Actor
    public void consumer(I_Result r) {
        if (ring.tail() == 0) {
            r.r1 = 0;
        } else if (ring.memory.getLongVolatile(ring.data) != 0) {
            r.r1 = 1;
        } else if (ring.claims.look() != InFlightClaims.Verdict.NONE) {
            r.r1 = 2;
        } else {
            r.r1 = ring.memory.getLongVolatile(ring.data) != 0 ? 3 : 4;
        }
    }
}
