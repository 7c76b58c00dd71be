package org.ipc4j.ring;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * SPSC: the consumer clears nothing, so the word where the next header goes may hold an earlier lap's bytes;
 * the producer zeroes it (a plain store) before it publishes its record. Here that word starts as a
 * committed-looking header, as an earlier lap can leave one; a read of up to two messages finds nothing or the
 * one message, never a second record made of the stale word.
 */
@JCStressTest
@Outcome(id = "0", expect = ACCEPTABLE, desc = "read before the commit: nothing yet")
@Outcome(id = "1", expect = ACCEPTABLE, desc = "the committed message, and nothing after it")
@Outcome(expect = FORBIDDEN, desc = "the stale word after the message read as a record")
@State
public class SpscNextHeaderStress {
    private static final int MESSAGE = 2 * Long.BYTES;
    private final Ring ring = StressRings.spsc();

    public SpscNextHeaderStress() {
        int next = ring.data + RecordDescriptor.align(RecordDescriptor.HEADER_LENGTH + MESSAGE);
        ring.memory().putLong(next, RecordDescriptor.headerWord(RecordDescriptor.HEADER_LENGTH + Long.BYTES,
                RecordDescriptor.TYPE_DATA));
    }

    @Actor
    public void producer() {
        StressRings.send(ring, 1, 2);
    }

    @Actor
    public void consumer(I_Result r) {
        r.r1 = ring.read((type, buffer, offset, length) -> { }, 2);
    }
}
