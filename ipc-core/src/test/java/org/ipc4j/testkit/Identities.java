package org.ipc4j.testkit;

import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessIdentity;

/** Process identities to plant in shared words, for tests that simulate a dead or a live other owner in place. */
public final class Identities {
    private Identities() {
    }

    /** This process's pid with another start time: what a dead process whose pid was reused by this one leaves. */
    public static long dead() {
        long pid = ProcessHandle.current().pid();
        return ProcessIdentity.started(pid, Os.liveness().startTime(pid) + 12345, Os.liveness());
    }

    /** The parent process (the build's JVM or shell): alive for as long as the test runs, and not this process. */
    public static long liveOther() {
        long parent = ProcessHandle.current().parent().orElseThrow().pid();
        return ProcessIdentity.started(parent, Os.liveness().startTime(parent), Os.liveness());
    }
}
