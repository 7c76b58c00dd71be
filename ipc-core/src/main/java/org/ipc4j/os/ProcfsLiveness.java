package org.ipc4j.os;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Liveness from {@code /proc/<pid>/stat}: field 3 is the state (Z and X are dead), field 22 the start time
 * in clock ticks since boot. The command name (field 2) may hold spaces and parentheses, so fields are
 * counted from the last ')'.
 */
final class ProcfsLiveness implements ProcessLiveness {
    private static final Path PROC = Path.of("/proc");

    static ProcessLiveness probe() {
        return new ProcfsLiveness().startTime(ProcessHandle.current().pid()) > 0 ? new ProcfsLiveness() : null;
    }

    @Override
    public long startTime(long pid) {
        if (pid <= 0) {
            return -1;
        }
        final String stat;
        try {
            stat = new String(Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("stat")), StandardCharsets.US_ASCII);
        } catch (IOException | SecurityException e) {
            return -1;
        }
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return -1;
        }
        String[] fields = stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
        if (fields.length < 20) {
            return -1;
        }
        char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return -1;
        }
        try {
            return Long.parseLong(fields[19]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String name() {
        return "procfs";
    }
}
