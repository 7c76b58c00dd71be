package org.ipc4j.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * SPSC claim/commit against read: a read either finds nothing or the whole message. The producer writes the
 * header before it moves tail and the length last; a reader that saw the record before its payload, or a
 * payload word not yet written, would give "1, -1".
 */
@JCStressTest
@Outcome(id = "0, 0", expect = ACCEPTABLE, desc = "read before the commit: nothing yet")
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "the committed message, whole")
@Outcome(expect = FORBIDDEN, desc = "a message read before all of it was written")
@State
public class SpscPublicationStress {
    private static final long FIRST = 0x1122_3344_5566_7788L;
    private static final long SECOND = 0x99AA_BBCC_DDEE_FF00L;
    private final Ring ring = StressRings.spsc();

    @Actor
    public void producer() {
        StressRings.send(ring, FIRST, SECOND);
    }

    @Actor
    public void consumer(II_Result r) {
        r.r1 = ring.read((type, buffer, offset, length) -> r.r2 = length == 2 * Long.BYTES
                && buffer.getLong(offset) == FIRST && buffer.getLong(offset + Long.BYTES) == SECOND ? 1 : -1, 1);
    }
}
