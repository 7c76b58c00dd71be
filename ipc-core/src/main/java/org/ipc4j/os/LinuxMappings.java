package org.ipc4j.os;

/**
 * {@link Mappings} through madvise(2) {@code MADV_REMOVE} (free) and mmap(2) with
 * {@code MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS} over the range (release: one system call, atomic for every
 * thread, no instant at which the range is unmapped).
 */
final class LinuxMappings implements Mappings {
    private static final long PAGE = 4096;
    private static final long PROT_READ_WRITE = 0x3;
    private static final long MAP_PRIVATE_FIXED_ANONYMOUS = 0x02 | 0x10 | 0x20;
    private static final long MADV_REMOVE = 9;

    private final SystemCalls calls;

    private LinuxMappings(SystemCalls calls) {
        this.calls = calls;
    }

    /** A working instance, or null where this machine has none (not Linux, unknown CPU, no native backend). */
    static Mappings probe() {
        SystemCalls calls = SystemCalls.chosen();
        return calls == null ? null : new LinuxMappings(calls);
    }

    @Override
    public boolean free(long address, long length) {
        if (!isPageRange(address, length)) {
            return false;
        }
        return calls.call(LinuxCall.MADVISE, address, length, MADV_REMOVE, 0, 0, 0) == 0;
    }

    @Override
    public boolean release(long address, long length) {
        if (!isPageRange(address, length)) {
            return false;
        }
        long mapped = calls.call(LinuxCall.MMAP, address, length, PROT_READ_WRITE, MAP_PRIVATE_FIXED_ANONYMOUS, -1, 0);
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
