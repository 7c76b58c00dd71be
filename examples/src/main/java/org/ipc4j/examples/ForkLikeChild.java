package org.ipc4j.examples;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.StartMethod;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 1 ({@code os.fork()} in C and Python); also the fork parts of
 * 001_a818457dac533d40.txt and of program 10 (002_e1cb815d5437ad92.txt), which repeat it.
 *
 * <p>A JVM has no {@code fork()}: a forked JVM would lose its GC, JIT and other threads. The closest honest
 * thing is a child JVM that runs a lambda: it is a new process with its own pid whose parent is this one,
 * and, as after fork, the two share nothing afterwards. What fork returns twice is here two code paths
 * written side by side: the lambda (the {@code pid == 0} branch) and the code after {@code start()}.
 * Unlike fork, the child does not continue from the call site with a copy of the heap: only what the
 * lambda captures travels (serialised).
 *
 * <p>It runs twice: with the {@code spawn} start method (a new JVM boots for the child) and with {@code warm}
 * (a spare JVM started in advance takes the lambda; the nearest thing to fork's speed, like Python's
 * forkserver). The child prints how long after {@code start()} it began to run.
 */
public final class ForkLikeChild {
    private ForkLikeChild() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double spareBoot = options.seconds("spare-boot", 1.0);
        System.out.println("Process (" + ProcessHandle.current().pid() + ") start...");
        forkOnce(StartMethod.SPAWN);
        JvmProcess.setStartMethod(StartMethod.WARM);
        Seconds.sleep(spareBoot); // let the spare JVM finish booting, as a forkserver would have
        forkOnce(StartMethod.WARM);
        JvmProcess.shutdownWarmSpares();
    }

    private static void forkOnce(StartMethod method) throws InterruptedException {
        System.out.println("-- start method " + method.name().toLowerCase());
        long startedAt = System.currentTimeMillis();
        JvmProcess child = new JvmProcess(() -> System.out.println(
                "I am child process (" + ProcessHandle.current().pid() + ") and my parent is (" + JvmProcess.parentPid()
                        + "); I ran " + (System.currentTimeMillis() - startedAt) + " ms after start()."));
        child.startMethod(method).start();
        System.out.println("I (" + ProcessHandle.current().pid() + ") just created a child process (" + child.pid() + ").");
        child.join();
    }
}
