package org.ipc4j.os;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.ipc4j.os.ProcessTable.LifeWord;

/**
 * {@link ExitWatch} through the {@link Lifeline}s of process tables this JVM has open: learns of a death when
 * the dying process's kernel marks its life word, milliseconds before its pidfd says it exited. One daemon
 * thread per watched process sleeps on the word (marked {@link Lifeline#WAITERS}, so that the kernel wakes one
 * sleeper), and on the mark runs the listeners and wakes every other sleeper, in any process. A thread whose
 * listeners all left ends at its next slice. A process with no lifeline found (another directory's, an older
 * ipc4j, a start-time identity) is not watched here: {@link #watch} says false.
 */
final class LifelineWatch implements ExitWatch {
    private static final long SLICE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Futex futex;
    private final Object lock = new Object();
    /** Guarded by lock. */
    private final Map<Long, Watcher> watchers = new HashMap<>();

    LifelineWatch(Futex futex) {
        this.futex = futex;
    }

    @Override
    public boolean watch(long pid, Listener listener) {
        LifeWord word = ProcessTable.lifeWordOf(pid);
        if (word == null) {
            return false;
        }
        synchronized (lock) {
            Watcher watcher = watchers.get(pid);
            if (watcher == null || !watcher.word.equals(word)) {
                watcher = new Watcher(pid, word);
                watchers.put(pid, watcher);
                Thread thread = new Thread(watcher, "ipc4j-lifeline-watch-" + pid);
                thread.setDaemon(true);
                thread.start();
            }
            watcher.listeners.add(listener);
        }
        return true;
    }

    @Override
    public void cancel(long pid, Listener listener) {
        synchronized (lock) {
            Watcher watcher = watchers.get(pid);
            if (watcher != null) {
                watcher.listeners.remove(listener);
            }
        }
    }

    @Override
    public String name() {
        return "lifeline";
    }

    private final class Watcher implements Runnable {
        final long pid;
        final LifeWord word;
        /** Guarded by lock. */
        final List<Listener> listeners = new ArrayList<>(1);

        Watcher(long pid, LifeWord word) {
            this.pid = pid;
            this.word = word;
        }

        @Override
        public void run() {
            while (true) {
                int value = word.value();
                if (word.ownerGone(value)) {
                    died();
                    return;
                }
                synchronized (lock) {
                    if (listeners.isEmpty()) {
                        watchers.remove(pid, this);
                        return;
                    }
                }
                if ((value & Lifeline.WAITERS) == 0 && !word.markWaiters(value)) {
                    continue;
                }
                futex.await(word.slots(), word.offset(), value | Lifeline.WAITERS, SLICE_NANOS);
            }
        }

        private void died() {
            List<Listener> toCall;
            synchronized (lock) {
                watchers.remove(pid, this);
                toCall = new ArrayList<>(listeners);
                listeners.clear();
            }
            // the kernel woke one sleeper of the word: this one wakes the others, here and in other processes
            futex.wake(word.slots(), word.offset(), Integer.MAX_VALUE);
            toCall.forEach(Listener::processExited);
        }
    }
}
