package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.List;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 11: five child processes, each printing its pid and its parent's.
 * {@code f(x)} returns {@code x * x}, which a {@code Process} throws away (a pool would return it).
 *
 * <p>The Python program never calls {@code join()}: the interpreter joins non-daemon children as it exits. A
 * JVM does not wait for its child JVMs, so the Java twin joins them at the end, saying so.
 */
public final class FiveChildren {
    private FiveChildren() {
    }

    static int f(int x) {
        System.out.println("child pid: " + ProcessHandle.current().pid() + " parent pid: " + JvmProcess.parentPid());
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        int children = Options.parse(args).integer("children", 5);
        System.out.println("main pid: " + ProcessHandle.current().pid());
        List<JvmProcess> started = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            int x = i;
            started.add(JvmProcess.start(() -> f(x)));
        }
        for (JvmProcess p : started) {
            p.join(); // what Python does for us at exit
        }
    }
}
