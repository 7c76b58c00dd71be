package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The pool's in-memory warm-up takes the whole message path and checks every value that comes back. */
class PoolWarmUpTest {
    @Test
    void everyChunkAndSingleTaskComesBackAsSent() throws Exception {
        // a round is a chunk of 2,000 Integers, a chunk of 2,000 mixed values and 200 single tasks
        assertEquals(3 * 202, PoolWarmUp.run(3 * 4_200 - 1));
        assertEquals(0, PoolWarmUp.run(0));
    }
}
