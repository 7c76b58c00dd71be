package org.ipc4j.os;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@link ExitWatch} on Linux: one pidfd per watched pid, all polled by one daemon thread beside an eventfd
 * that tells it the set changed. A pidfd becomes readable when its process exits (a zombie counts), which
 * is when the listeners run. A pidfd stays open after its last listener left, so that the next wait on the
 * same owner costs no system call; idle ones are closed when more than {@link #MAX_IDLE} pile up. Only the
 * watch thread closes pidfds, and only between two polls.
 */
final class PidfdExitWatch implements ExitWatch {
    private static final int MAX_WATCHED = 4_096;
    private static final int MAX_IDLE = 64;
    private static final short POLLIN = 1;
    private static final int EFD_CLOEXEC = 0x80000;
    private static final int EFD_NONBLOCK = 0x800;

    private final SystemCalls calls;

    private final Object lock = new Object();
    private final Map<Long, Watched> watched = new HashMap<>();
    private final int eventFd;
    private final NativeBuffer eventBuffer;
    private Thread thread;
    private int idle;

    private static final class Watched {
        final long pid;
        final int fd;
        final List<Listener> listeners = new ArrayList<>(1);

        Watched(long pid, int fd) {
            this.pid = pid;
            this.fd = fd;
        }
    }

    private PidfdExitWatch(SystemCalls calls, int eventFd) {
        this.calls = calls;
        this.eventFd = eventFd;
        this.eventBuffer = new NativeBuffer(calls, 8);
    }

    /** A working watch, or null where pidfds are unavailable (old kernel, seccomp, not Linux, no native backend). */
    static ExitWatch probe() {
        SystemCalls calls = SystemCalls.chosen();
        if (calls == null) {
            return null;
        }
        long self = calls.call(LinuxCall.PIDFD_OPEN, ProcessHandle.current().pid(), 0, 0, 0, 0, 0);
        if (self < 0) {
            return null;
        }
        calls.call(LinuxCall.CLOSE, self, 0, 0, 0, 0, 0);
        long eventFd = calls.call(LinuxCall.EVENTFD2, 0, EFD_CLOEXEC | EFD_NONBLOCK, 0, 0, 0, 0);
        return eventFd < 0 ? null : new PidfdExitWatch(calls, (int) eventFd);
    }

    @Override
    public boolean watch(long pid, Listener listener) {
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return false;
        }
        synchronized (lock) {
            Watched entry = watched.get(pid);
            if (entry == null) {
                if (watched.size() >= MAX_WATCHED) {
                    return false;
                }
                long fd = calls.call(LinuxCall.PIDFD_OPEN, pid, 0, 0, 0, 0, 0);
                if (fd < 0) {
                    return ProcessHandle.of(pid).isEmpty() && exitedBeforeWatch(listener);
                }
                entry = new Watched(pid, (int) fd);
                watched.put(pid, entry);
                startOrSignal();
            } else if (entry.listeners.isEmpty()) {
                idle--;
            }
            entry.listeners.add(listener);
            return true;
        }
    }

    /** The process was gone before it could be watched (ESRCH): that is its exit. */
    private static boolean exitedBeforeWatch(Listener listener) {
        listener.processExited();
        return true;
    }

    @Override
    public void cancel(long pid, Listener listener) {
        synchronized (lock) {
            Watched entry = watched.get(pid);
            if (entry != null && entry.listeners.remove(listener) && entry.listeners.isEmpty() && ++idle > MAX_IDLE) {
                startOrSignal();
            }
        }
    }

    @Override
    public String name() {
        return "pidfd";
    }

    /** The caller holds the lock. */
    private void startOrSignal() {
        if (thread == null) {
            thread = new Thread(this::run, "ipc4j-exit-watch");
            thread.setDaemon(true);
            thread.start();
        } else {
            eventBuffer.bytes.putLong(0, 1);
            calls.call(LinuxCall.WRITE, eventFd, eventBuffer.address, 8, 0, 0, 0);
        }
    }

    private void run() {
        NativeBuffer pollFds = new NativeBuffer(calls, 8 * 64);
        Watched[] polled = new Watched[64];
        NativeBuffer readBuffer = new NativeBuffer(calls, 8);
        while (true) {
            int count;
            synchronized (lock) {
                closeIdleIfTooMany();
                count = 1 + watched.size();
                if (polled.length < count) {
                    polled = new Watched[Integer.highestOneBit(count) * 2];
                    pollFds = new NativeBuffer(calls, 8 * polled.length);
                }
                setPollFd(pollFds, 0, eventFd);
                int i = 1;
                for (Watched entry : watched.values()) {
                    polled[i] = entry;
                    setPollFd(pollFds, i++, entry.fd);
                }
            }
            long ready = calls.call(LinuxCall.PPOLL, pollFds.address, count, 0, 0, 8, 0);
            if (ready <= 0) {
                continue;
            }
            if (pollFds.bytes.getShort(6) != 0) {
                calls.call(LinuxCall.READ, eventFd, readBuffer.address, 8, 0, 0, 0);
            }
            for (int i = 1; i < count; i++) {
                if (pollFds.bytes.getShort(8 * i + 6) != 0) {
                    exited(polled[i]);
                }
                polled[i] = null;
            }
        }
    }

    private static void setPollFd(NativeBuffer pollFds, int index, int fd) {
        pollFds.bytes.putInt(8 * index, fd);
        pollFds.bytes.putShort(8 * index + 4, POLLIN);
        pollFds.bytes.putShort(8 * index + 6, (short) 0);
    }

    private void exited(Watched entry) {
        List<Listener> listeners;
        synchronized (lock) {
            watched.remove(entry.pid);
            if (entry.listeners.isEmpty()) {
                idle--;
            }
            listeners = new ArrayList<>(entry.listeners);
            entry.listeners.clear();
        }
        calls.call(LinuxCall.CLOSE, entry.fd, 0, 0, 0, 0, 0);
        for (Listener listener : listeners) {
            try {
                listener.processExited();
            } catch (RuntimeException e) {
                // a listener's fault must not stop the watch for everyone else
            }
        }
    }

    /** The caller holds the lock. */
    private void closeIdleIfTooMany() {
        if (idle <= MAX_IDLE) {
            return;
        }
        for (Iterator<Watched> it = watched.values().iterator(); it.hasNext(); ) {
            Watched entry = it.next();
            if (entry.listeners.isEmpty()) {
                it.remove();
                calls.call(LinuxCall.CLOSE, entry.fd, 0, 0, 0, 0, 0);
            }
        }
        idle = 0;
    }
}
