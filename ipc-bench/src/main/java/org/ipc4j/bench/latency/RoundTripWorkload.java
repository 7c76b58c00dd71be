package org.ipc4j.bench.latency;

import org.ipc4j.bench.harness.CrossProcessWorkload;

/**
 * A round trip between two JVMs, timed by the measuring side. Adding a latency benchmark means writing one
 * of these and listing it in {@code org.ipc4j.bench.suite.Catalogue}.
 *
 * <p>The harness sends tokens 1, 2, 3.. and finally {@link #STOP}: {@link #ping} sends a token and returns
 * when the round trip is complete (normally: when the peer has echoed it); {@link #pong} on the peer serves
 * one round trip and returns the token it saw. The peer's loop ends when {@code pong} returns {@code STOP}.
 * Neither method may allocate: they run millions of times inside the timed loop.
 */
public interface RoundTripWorkload extends CrossProcessWorkload {
    /** The last token; 32-bit words carry it as -1 too. */
    long STOP = -1;

    /** Measuring side: one timed round trip carrying {@code token}. */
    void ping(long token) throws Exception;

    /** Peer side: serves one round trip, returns its token. */
    long pong() throws Exception;
}
