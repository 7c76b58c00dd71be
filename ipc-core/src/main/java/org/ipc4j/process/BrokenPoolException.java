package org.ipc4j.process;

import org.ipc4j.errors.Ipc4jException;

/**
 * The pool cannot keep workers alive: several in a row exited by themselves before finishing a task (an
 * initializer that throws, a JVM option the child cannot start with). Pending tasks fail with this, and the
 * pool takes no new ones (Python's {@code BrokenProcessPool}).
 */
public class BrokenPoolException extends Ipc4jException {
    private static final long serialVersionUID = 1L;

    public BrokenPoolException(String message) {
        super(message);
    }
}
