package org.ipc4j.os;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two {@link ExitWatch}es at once, each listener called once by whichever tells first: the {@link LifelineWatch}
 * for processes with a lifeline (soonest), the pidfd watch for every process (the kernel's word that it exited).
 */
final class EitherExitWatch implements ExitWatch {
    private final ExitWatch first;
    private final ExitWatch second;
    private final Map<Key, Once> watching = new ConcurrentHashMap<>();

    EitherExitWatch(ExitWatch first, ExitWatch second) {
        this.first = first;
        this.second = second;
    }

    private record Key(long pid, Listener listener) {
    }

    /** Calls its listener the first time either watch does. */
    private static final class Once implements Listener {
        private final Listener listener;
        private final AtomicBoolean called = new AtomicBoolean();

        Once(Listener listener) {
            this.listener = listener;
        }

        @Override
        public void processExited() {
            if (called.compareAndSet(false, true)) {
                listener.processExited();
            }
        }
    }

    @Override
    public boolean watch(long pid, Listener listener) {
        Once once = new Once(listener);
        Key key = new Key(pid, listener);
        watching.put(key, once);
        boolean watched = first.watch(pid, once) | second.watch(pid, once); // both, not the first that accepts
        if (!watched) {
            watching.remove(key, once);
        }
        return watched;
    }

    @Override
    public void cancel(long pid, Listener listener) {
        Once once = watching.remove(new Key(pid, listener));
        if (once != null) {
            first.cancel(pid, once);
            second.cancel(pid, once);
        }
    }

    @Override
    public String name() {
        return first.name() + "+" + second.name();
    }
}
