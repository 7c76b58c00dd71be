package org.ipc4j.process;

import org.ipc4j.errors.Ipc4jException;

/** A pool worker died (killed, System.exit, out of memory) while it had this task. */
public class WorkerDiedException extends Ipc4jException {
    private static final long serialVersionUID = 1L;
    private final long pid;
    private final Integer exitCode;

    public WorkerDiedException(String poolName, long pid, Integer exitCode) {
        super("worker pid " + pid + " of pool '" + poolName + "' died with exit code " + exitCode + " while running the task");
        this.pid = pid;
        this.exitCode = exitCode;
    }

    public long pid() {
        return pid;
    }

    public Integer exitCode() {
        return exitCode;
    }
}
