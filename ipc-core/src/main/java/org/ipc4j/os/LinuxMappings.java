package org.ipc4j.os;

import com.sun.jna.Platform;

/**
 * {@link Mappings} through mmap(2) with {@code MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS} over the range, by the
 * same direct-mapped {@code syscall(2)} as the futex: one system call, atomic for every thread (no instant at
 * which the range is unmapped).
 */
final class LinuxMappings implements Mappings {
    private static final long PAGE = 4096;
    private static final long PROT_READ_WRITE = 0x3;
    private static final long MAP_PRIVATE_FIXED_ANONYMOUS = 0x02 | 0x10 | 0x20;

    private final long sysMmap;

    private LinuxMappings(long sysMmap) {
        this.sysMmap = sysMmap;
    }

    /** A working instance, or null where this machine has none (not Linux, unknown CPU, no JNA). */
    static Mappings probe() {
        if (!Platform.isLinux() || !Platform.is64Bit()) {
            return null;
        }
        long nr = Platform.isIntel() ? 9 : Platform.isARM() ? 222 : -1;
        if (nr < 0) {
            return null;
        }
        try {
            LinuxFutex.Syscalls.ensureRegistered();
            return new LinuxMappings(nr);
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }

    @Override
    public boolean release(long address, long length) {
        if (address == 0 || (address & (PAGE - 1)) != 0 || length <= 0) {
            return false;
        }
        long mapped = LinuxFutex.Syscalls.syscall(sysMmap, address, length, PROT_READ_WRITE, MAP_PRIVATE_FIXED_ANONYMOUS, -1, 0);
        return mapped == address;
    }

    @Override
    public String name() {
        return "linux-mmap-fixed";
    }
}
