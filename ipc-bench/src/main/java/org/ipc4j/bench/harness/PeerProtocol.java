package org.ipc4j.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The lines the measuring JVM and its peer exchange over the peer's stdin/stdout, outside the measured
 * path: the peer prints {@link #READY} once attached; the measuring side may send {@link #STOP}; end of
 * input means the measuring JVM is gone, and the peer exits rather than spin forever as an orphan.
 */
public final class PeerProtocol {
    public static final String READY = "READY";
    public static final String STOP = "STOP";
    /** Exit code of a peer whose measuring JVM went away. */
    public static final int ORPHANED = 3;

    private static volatile boolean stopRequested;

    private PeerProtocol() {
    }

    /** Starts the daemon thread that watches stdin: STOP sets the flag, end of input exits the JVM. */
    public static void watchInput() {
        Thread watcher = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (STOP.equals(line.trim())) {
                        stopRequested = true;
                    }
                }
            } catch (IOException ignored) {
                // treated as end of input
            }
            if (!stopRequested) {
                System.err.println("measuring JVM went away; peer exits");
                System.exit(ORPHANED);
            }
        }, "peer-input");
        watcher.setDaemon(true);
        watcher.start();
    }

    public static boolean stopRequested() {
        return stopRequested;
    }
}
