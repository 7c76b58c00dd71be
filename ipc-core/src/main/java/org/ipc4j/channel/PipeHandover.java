package org.ipc4j.channel;

import java.util.function.Supplier;

import org.ipc4j.os.ProcessIdentity;

/**
 * Names the process that the pipe ends serialised by some code go to, for a launcher that knows it before it
 * serialises ({@code JvmProcess} starts the child JVM first). An end handed to a named process counts as alive
 * in transit for as long as that process runs; the hand-over bound ({@code ipc4j.pipeHandoverMillis}) starts
 * only once it has ended. So a child that is slow to start is never given up while it runs.
 */
public final class PipeHandover {
    private static final ThreadLocal<Long> RECEIVER = new ThreadLocal<>();

    private PipeHandover() {
    }

    /** Runs {@code serialisation} on this thread with {@code receiver} (null: unknown) as the ends' receiver. */
    public static <T> T to(long receiver, Supplier<T> serialisation) {
        Long previous = RECEIVER.get();
        RECEIVER.set(receiver);
        try {
            return serialisation.get();
        } finally {
            if (previous == null) {
                RECEIVER.remove();
            } else {
                RECEIVER.set(previous);
            }
        }
    }

    /** The receiver's {@link ProcessIdentity} for an end serialised now, or {@link ProcessIdentity#NONE}. */
    static long receiver() {
        Long receiver = RECEIVER.get();
        return receiver == null ? ProcessIdentity.NONE : receiver;
    }
}
