package org.ipc4j.process;

import java.time.Duration;

import org.ipc4j.errors.Ipc4jException;

/**
 * A pool task ran longer than its timeout: its worker was killed (and replaced), and the task failed with
 * this. The pool's other tasks that the worker held run elsewhere, as after any death of a worker.
 */
public class TaskTimeoutException extends Ipc4jException {
    private static final long serialVersionUID = 1L;
    private final long pid;
    private final Duration timeout;

    public TaskTimeoutException(String poolName, long pid, Duration timeout) {
        super("a task of pool '" + poolName + "' ran longer than its timeout of " + timeout.toMillis()
                + " ms: its worker pid " + pid + " was killed and replaced");
        this.pid = pid;
        this.timeout = timeout;
    }

    /** The worker that ran the task and was killed. */
    public long pid() {
        return pid;
    }

    public Duration timeout() {
        return timeout;
    }
}
