package org.ipc4j.process;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Spare child JVMs started ahead of need: each has booted, warmed up ({@link SpareWarmUp}) and is blocked
 * reading stdin. Taking one costs a pipe write. The replacement starts in the background a little later
 * ({@code -Dipc4j.warmRefillDelayMillis}, default 100), so that its boot does not take the CPU from the child
 * that was just started. Spares are told the application classes earlier targets used, and load them while
 * they wait. Spares exit by themselves when this JVM dies (their stdin reaches EOF). {@code -Dipc4j.warmSpares}
 * sets how many are kept (default 1, as these machines have 2 cores).
 */
final class WarmSpares {
    private static final int MAX_PRELOADED = 256;

    private static final Deque<Process> SPARES = new ArrayDeque<>();
    private static final Set<String> PRELOAD = new LinkedHashSet<>();
    private static ScheduledExecutorService refiller;
    private static boolean refillScheduled;
    /** Counts shutdowns, so that a refill scheduled before one does nothing. */
    private static int generation;

    private WarmSpares() {
    }

    static int target() {
        return Math.max(1, Integer.getInteger("ipc4j.warmSpares", 1));
    }

    private static long refillDelayMillis() {
        return Math.max(0, Long.getLong("ipc4j.warmRefillDelayMillis", 100));
    }

    /** A spare JVM for immediate use (started now if none is ready); a replacement follows in the background. */
    static synchronized Process take() {
        Process spare;
        do {
            spare = SPARES.pollFirst();
        } while (spare != null && !spare.isAlive());
        if (spare == null) {
            spare = launch();
        }
        scheduleRefill();
        return spare;
    }

    /** Starts spares until {@link #target()} are waiting. */
    static synchronized void fill() {
        SPARES.removeIf(p -> !p.isAlive());
        while (SPARES.size() < target()) {
            Process spare = launch();
            SPARES.addLast(spare);
            sendPreload(spare, PRELOAD);
        }
    }

    /** Application classes a target used: waiting spares (and later ones) load them ahead of the next start. */
    static synchronized void remember(Collection<String> classNames) {
        List<String> added = new ArrayList<>();
        for (String name : classNames) {
            if (PRELOAD.size() < MAX_PRELOADED && PRELOAD.add(name)) {
                added.add(name);
            }
        }
        if (!added.isEmpty()) {
            for (Process spare : SPARES) {
                sendPreload(spare, added);
            }
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
                if (!spare.waitFor(5, TimeUnit.SECONDS)) {
                    spare.destroyForcibly();
                }
            } catch (InterruptedException e) {
                spare.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        SPARES.clear();
        generation++;
        refillScheduled = false;
    }

    private static void scheduleRefill() {
        if (refillScheduled) {
            return;
        }
        if (refiller == null) {
            refiller = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "ipc4j-warm-spares");
                thread.setDaemon(true);
                return thread;
            });
        }
        refillScheduled = true;
        int scheduledIn = generation;
        refiller.schedule(() -> refill(scheduledIn), refillDelayMillis(), TimeUnit.MILLISECONDS);
    }

    private static synchronized void refill(int scheduledIn) {
        if (scheduledIn != generation) {
            return;
        }
        refillScheduled = false;
        try {
            fill();
        } catch (UncheckedIOException cannotStart) {
            // the next take() starts a JVM itself, and reports the failure to its caller
        }
    }

    /** A spare that cannot take the names is dead or dying: take() skips it, or the hand-over fails over. */
    private static void sendPreload(Process spare, Collection<String> classNames) {
        if (classNames.isEmpty()) {
            return;
        }
        try {
            DataOutputStream out = new DataOutputStream(spare.getOutputStream());
            out.writeByte(ChildBootstrap.PRELOAD);
            out.writeInt(classNames.size());
            for (String name : classNames) {
                out.writeUTF(name);
            }
            out.flush();
        } catch (IOException gone) {
            spare.destroyForcibly();
        }
    }

    private static Process launch() {
        try {
            return new ProcessBuilder(ChildCommand.build(List.of(), true))
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a spare JVM", e);
        }
    }
}
