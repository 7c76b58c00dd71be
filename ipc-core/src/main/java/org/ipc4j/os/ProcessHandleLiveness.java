package org.ipc4j.os;

import java.time.Instant;
import java.util.Optional;

/** The portable fallback: {@link ProcessHandle}'s start instant, in epoch milliseconds. */
final class ProcessHandleLiveness implements ProcessLiveness {
    @Override
    public long startTime(long pid) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || !handle.get().isAlive()) {
            return -1;
        }
        // A process whose start time the platform cannot tell is reported alive with start time 0 (unknown).
        return handle.get().info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    @Override
    public String name() {
        return "process-handle";
    }
}
