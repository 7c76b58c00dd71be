package org.ipc4j.bench.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time a whole process (every thread, JIT and GC included) has used, in nanoseconds, read from
 * {@code /proc/<pid>/task/<tid>/schedstat} (nanosecond resolution), or from {@code /proc/<pid>/stat}
 * (utime + stime in clock ticks of 10 ms) where schedstat is missing. Threads that exited between two readings
 * drop out of the schedstat sum, which undercounts by their share; the JVM rarely ends threads mid-run.
 */
public final class CpuClock {
    private static final long NANOS_PER_TICK = 10_000_000L;

    private CpuClock() {
    }

    /** Process CPU time in ns, or -1 if the process is gone or /proc cannot tell. */
    public static long processCpuNanos(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long schedstat = schedstatSum(tasks);
        return schedstat >= 0 ? schedstat : statTicks(Path.of("/proc", Long.toString(pid), "stat"));
    }

    public static long selfCpuNanos() {
        return processCpuNanos(ProcessHandle.current().pid());
    }

    /** Percent of one core used between two readings {@code wallNanos} apart; NaN if a reading failed. */
    public static double percent(long cpuBefore, long cpuAfter, long wallNanos) {
        if (cpuBefore < 0 || cpuAfter < 0 || wallNanos <= 0) {
            return Double.NaN;
        }
        return 100.0 * (cpuAfter - cpuBefore) / wallNanos;
    }

    private static long schedstatSum(Path tasks) {
        List<Path> threads;
        try (Stream<Path> list = Files.list(tasks)) {
            threads = list.collect(Collectors.toList());
        } catch (IOException e) {
            return -1;
        }
        long sum = 0;
        for (Path thread : threads) {
            try {
                String line = Files.readString(thread.resolve("schedstat")).trim();
                int space = line.indexOf(' ');
                sum += Long.parseLong(space < 0 ? line : line.substring(0, space));
            } catch (IOException | NumberFormatException e) {
                // the thread ended while we listed it, or schedstat is not available
                if (!Files.exists(thread.resolve("schedstat")) && Files.exists(thread)) {
                    return -1;
                }
            }
        }
        return sum;
    }

    private static long statTicks(Path stat) {
        try {
            String text = Files.readString(stat);
            // the command name in parentheses may contain spaces: fields are counted after its closing one
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(fields[11]);
            long stime = Long.parseLong(fields[12]);
            return (utime + stime) * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
