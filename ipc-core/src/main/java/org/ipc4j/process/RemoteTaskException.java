package org.ipc4j.process;

import org.ipc4j.errors.Ipc4jException;

/**
 * A task threw something that could not be sent back as itself (not serialisable): this carries its class,
 * message and the worker's stack trace as text.
 */
public class RemoteTaskException extends Ipc4jException {
    private static final long serialVersionUID = 1L;
    private final String remoteStackTrace;

    public RemoteTaskException(String message, String remoteStackTrace) {
        super(message);
        this.remoteStackTrace = remoteStackTrace;
    }

    public String remoteStackTrace() {
        return remoteStackTrace;
    }

    @Override
    public String toString() {
        return super.toString() + "\n[worker stack trace]\n" + remoteStackTrace;
    }
}
