package org.ipc4j.errors;

/** An attach of a pipe end that a live process already holds: each end is attached by one process at a time. */
public class EndInUseException extends Ipc4jException {
    private static final long serialVersionUID = 1L;
    private final String pipe;
    private final int end;
    private final long holderPid;

    public EndInUseException(String pipe, int end, long holderPid) {
        super("pipe '" + pipe + "': end " + end + " is held by pid " + holderPid
                + ", which is alive; an end is attached by one process at a time");
        this.pipe = pipe;
        this.end = end;
        this.holderPid = holderPid;
    }

    public String pipe() {
        return pipe;
    }

    public int end() {
        return end;
    }

    public long holderPid() {
        return holderPid;
    }
}
