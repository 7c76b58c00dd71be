package org.ipc4j.os;

import java.time.Instant;
import java.util.Optional;

/** The portable fallback: {@link ProcessHandle}'s start instant, in epoch milliseconds. */
final class ProcessHandleLiveness implements ProcessLiveness {
    @Override
    public long startTime(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return DEAD;
        }
        return handle.get().info().startInstant().map(Instant::toEpochMilli).orElse(UNKNOWN);
    }

    @Override
    public String name() {
        return "process-handle";
    }
}
