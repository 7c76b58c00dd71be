package org.ipc4j.os;

/**
 * A process that pid reuse cannot be mistaken for: its pid and its start time, in the units of the
 * {@link ProcessLiveness} in use (clock ticks since boot on Linux, epoch milliseconds elsewhere).
 */
public record ProcessId(long pid, long startTime) {
}
