package org.ipc4j.bench.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Optional CPU placement: with {@code cpus=A,B} the measuring JVM runs on CPU A and its peer on CPU B
 * (through taskset). By default nothing is pinned: on a 2-core machine the scheduler's choice is the
 * realistic one, and pinning forces JIT and GC threads to share a CPU with a busy-spinning thread.
 */
public final class Placement {
    private static final Path TASKSET = Path.of("/usr/bin/taskset");

    private final String measurerCpu;
    private final String peerCpu;

    private Placement(String measurerCpu, String peerCpu) {
        this.measurerCpu = measurerCpu;
        this.peerCpu = peerCpu;
    }

    public static Placement none() {
        return new Placement(null, null);
    }

    /** From "A,B", or none for an empty or absent value. */
    public static Placement parse(String cpus) {
        if (cpus == null || cpus.isBlank()) {
            return none();
        }
        String[] parts = cpus.split(",");
        if (parts.length != 2) {
            throw new IllegalArgumentException("cpus must be two CPU numbers 'A,B', got '" + cpus + "'");
        }
        if (!available()) {
            throw new IllegalStateException("cpus=" + cpus + " asks for placement, but " + TASKSET + " is missing");
        }
        return new Placement(parts[0].trim(), parts[1].trim());
    }

    public static boolean available() {
        return Files.isExecutable(TASKSET);
    }

    public boolean pinned() {
        return measurerCpu != null;
    }

    public String spec() {
        return pinned() ? measurerCpu + "," + peerCpu : "";
    }

    /** The command prefix for the measuring JVM. */
    public List<String> measurerPrefix() {
        return pinned() ? List.of(TASKSET.toString(), "-c", measurerCpu) : List.of();
    }

    /** The command prefix for the peer JVM. */
    public List<String> peerPrefix() {
        return pinned() ? List.of(TASKSET.toString(), "-c", peerCpu) : List.of();
    }

    public String describe() {
        return pinned() ? "measuring JVM on CPU " + measurerCpu + ", peer on CPU " + peerCpu : "not pinned";
    }
}
