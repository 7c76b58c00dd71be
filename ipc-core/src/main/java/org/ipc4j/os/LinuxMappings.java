package org.ipc4j.os;

import com.sun.jna.Platform;

/**
 * {@link Mappings} through madvise(2) {@code MADV_REMOVE} (free) and mmap(2) with
 * {@code MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS} over the range (release: one system call, atomic for every
 * thread, no instant at which the range is unmapped), by the same direct-mapped {@code syscall(2)} as the futex.
 */
final class LinuxMappings implements Mappings {
    private static final long PAGE = 4096;
    private static final long PROT_READ_WRITE = 0x3;
    private static final long MAP_PRIVATE_FIXED_ANONYMOUS = 0x02 | 0x10 | 0x20;
    private static final long MADV_REMOVE = 9;

    private final long sysMmap;
    private final long sysMadvise;

    private LinuxMappings(long sysMmap, long sysMadvise) {
        this.sysMmap = sysMmap;
        this.sysMadvise = sysMadvise;
    }

    /** A working instance, or null where this machine has none (not Linux, unknown CPU, no JNA). */
    static Mappings probe() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        if (!Platform.isIntel() && !Platform.isARM()) {
            return null;
        }
        try {
            LinuxFutex.Syscalls.ensureRegistered();
            return Platform.isIntel() ? new LinuxMappings(9, 28) : new LinuxMappings(222, 233);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean free(long address, long length) {
        if (!isPageRange(address, length)) {
            return false;
        }
        return LinuxFutex.Syscalls.syscall(sysMadvise, address, length, MADV_REMOVE, 0, 0, 0) == 0;
    }

    @Override
    public boolean release(long address, long length) {
        if (!isPageRange(address, length)) {
            return false;
        }
        long mapped = LinuxFutex.Syscalls.syscall(sysMmap, address, length, PROT_READ_WRITE, MAP_PRIVATE_FIXED_ANONYMOUS, -1, 0);
        return mapped == address;
    }

    private static boolean isPageRange(long address, long length) {
        return address != 0 && (address & (PAGE - 1)) == 0 && length > 0;
    }

    @Override
    public String name() {
        return "linux-mmap-fixed";
    }
}
