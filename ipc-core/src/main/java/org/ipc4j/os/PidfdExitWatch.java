package org.ipc4j.os;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.sun.jna.Memory;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import org.ipc4j.os.LinuxFutex.Syscalls;

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

    /** The same number on x86-64 and arm64 (syscalls added after 4.20 share one table). */
    private static final long SYS_PIDFD_OPEN = 434;

    private final long sysPpoll;
    private final long sysRead;
    private final long sysWrite;
    private final long sysClose;

    private final Object lock = new Object();
    private final Map<Long, Watched> watched = new HashMap<>();
    private final int eventFd;
    private final Memory eventBuffer = new Memory(8);
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

    private PidfdExitWatch(long sysPpoll, long sysRead, long sysWrite, long sysClose, int eventFd) {
        this.sysPpoll = sysPpoll;
        this.sysRead = sysRead;
        this.sysWrite = sysWrite;
        this.sysClose = sysClose;
        this.eventFd = eventFd;
    }

    /** A working watch, or null where pidfds are unavailable (old kernel, seccomp, not Linux). */
    static ExitWatch probe() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        long ppoll;
        long read;
        long write;
        long close;
        long eventfd2;
        if (Platform.isIntel()) {
            ppoll = 271;
            read = 0;
            write = 1;
            close = 3;
            eventfd2 = 290;
        } else if (Platform.isARM()) {
            ppoll = 73;
            read = 63;
            write = 64;
            close = 57;
            eventfd2 = 19;
        } else {
            return null;
        }
        try {
            Syscalls.ensureRegistered();
            long self = Syscalls.syscall(SYS_PIDFD_OPEN, ProcessHandle.current().pid(), 0, 0, 0, 0, 0);
            if (self < 0) {
                return null;
            }
            Syscalls.syscall(close, self, 0, 0, 0, 0, 0);
            long eventFd = Syscalls.syscall(eventfd2, 0, EFD_CLOEXEC | EFD_NONBLOCK, 0, 0, 0, 0);
            return eventFd < 0 ? null : new PidfdExitWatch(ppoll, read, write, close, (int) eventFd);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
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
                long fd = Syscalls.syscall(SYS_PIDFD_OPEN, pid, 0, 0, 0, 0, 0);
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
            eventBuffer.setLong(0, 1);
            Syscalls.syscall(sysWrite, eventFd, Pointer.nativeValue(eventBuffer), 8, 0, 0, 0);
        }
    }

    private void run() {
        Memory pollFds = new Memory(8L * 64);
        Watched[] polled = new Watched[64];
        Memory readBuffer = new Memory(8);
        while (true) {
            int count;
            synchronized (lock) {
                closeIdleIfTooMany();
                count = 1 + watched.size();
                if (polled.length < count) {
                    polled = new Watched[Integer.highestOneBit(count) * 2];
                    pollFds = new Memory(8L * polled.length);
                }
                setPollFd(pollFds, 0, eventFd);
                int i = 1;
                for (Watched entry : watched.values()) {
                    polled[i] = entry;
                    setPollFd(pollFds, i++, entry.fd);
                }
            }
            long ready = Syscalls.syscall(sysPpoll, Pointer.nativeValue(pollFds), count, 0, 0, 8, 0);
            if (ready <= 0) {
                continue;
            }
            if (pollFds.getShort(6) != 0) {
                Syscalls.syscall(sysRead, eventFd, Pointer.nativeValue(readBuffer), 8, 0, 0, 0);
            }
            for (int i = 1; i < count; i++) {
                if (pollFds.getShort(8L * i + 6) != 0) {
                    exited(polled[i]);
                }
                polled[i] = null;
            }
        }
    }

    private static void setPollFd(Memory pollFds, int index, int fd) {
        pollFds.setInt(8L * index, fd);
        pollFds.setShort(8L * index + 4, POLLIN);
        pollFds.setShort(8L * index + 6, (short) 0);
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
        Syscalls.syscall(sysClose, entry.fd, 0, 0, 0, 0, 0);
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
                Syscalls.syscall(sysClose, entry.fd, 0, 0, 0, 0, 0);
            }
        }
        idle = 0;
    }
}
