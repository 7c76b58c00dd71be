package org.ipc4j.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Spare child JVMs started ahead of need: each has booted and loaded ipc4j and is blocked reading its
 * payload from stdin. Taking one costs a pipe write; a replacement starts at once. Spares exit by
 * themselves when this JVM dies (their stdin reaches EOF). {@code -Dipc4j.warmSpares} sets how many
 * are kept (default 1, as these machines have 2 cores).
 */
final class WarmSpares {
    private static final Deque<Process> SPARES = new ArrayDeque<>();

    private WarmSpares() {
    }

    static int target() {
        return Math.max(1, Integer.getInteger("ipc4j.warmSpares", 1));
    }

    /** A spare JVM for immediate use (started now if none is ready), with the pool topped up again. */
    static synchronized Process take() {
        Process spare;
        do {
            spare = SPARES.pollFirst();
        } while (spare != null && !spare.isAlive());
        if (spare == null) {
            spare = launch();
        }
        fill();
        return spare;
    }

    /** Starts spares until {@link #target()} are waiting. */
    static synchronized void fill() {
        SPARES.removeIf(p -> !p.isAlive());
        while (SPARES.size() < target()) {
            SPARES.addLast(launch());
        }
    }

    /** Stops every waiting spare (they see EOF and exit 0). */
    static synchronized void shutdown() {
        for (Process spare : SPARES) {
            try {
                spare.getOutputStream().close();
            } catch (IOException ignored) {
                // already gone
            }
        }
        for (Process spare : SPARES) {
            try {
                if (!spare.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    spare.destroyForcibly();
                }
            } catch (InterruptedException e) {
                spare.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        SPARES.clear();
    }

    private static Process launch() {
        try {
            return new ProcessBuilder(ChildCommand.build(List.of()))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a spare JVM", e);
        }
    }
}
