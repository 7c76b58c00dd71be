package org.ipc4j.os;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
        if (pid <= 0 || pid > Integer.MAX_VALUE) {
            return DEAD;
        }
        Path directory = PROC.resolve(Long.toString(pid));
        final String stat;
        try {
            stat = new String(Files.readAllBytes(directory.resolve("stat")), StandardCharsets.US_ASCII);
        } catch (NoSuchFileException | FileNotFoundException gone) {
            return DEAD;
        } catch (IOException | SecurityException unreadable) {
            // a process reaped between the open and the read fails the read with ESRCH ("No such process"), and its
            // directory is gone by then. EMFILE, ENOMEM, ...: not evidence of death; notExists is true only when
            // stat(2), which needs no descriptor, says so
            try {
                return Files.notExists(directory) ? DEAD : UNKNOWN;
            } catch (SecurityException denied) {
                return UNKNOWN;
            }
        }
        int close = stat.lastIndexOf(')');
        String[] fields = close < 0 || close + 2 > stat.length() ? new String[0] : stat.substring(close + 2).split(" ");
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19]
        if (fields.length < 20) {
            return UNKNOWN;
        }
        char state = fields[0].isEmpty() ? '?' : fields[0].charAt(0);
        if (state == 'Z' || state == 'X' || state == 'x') {
            return DEAD;
        }
        try {
            long start = Long.parseLong(fields[19]);
            return start > 0 ? start : UNKNOWN;
        } catch (NumberFormatException e) {
            return UNKNOWN;
        }
    }

    @Override
    public String name() {
        return "procfs";
    }
}
