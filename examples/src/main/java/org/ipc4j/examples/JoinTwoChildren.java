package org.ipc4j.examples;

import java.util.Locale;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 13: {@code join()} on two children that sleep 1 s and 2 s, with
 * {@code is_alive}, {@code name} and {@code pid} printed in between.
 *
 * <p>The seed's {@code child_1} and {@code child_2} are the same function; here they are one. (The seed's
 * duration line mixes {@code format} with {@code %0.2f} and so prints "%0.2f" literally; the twin prints
 * the number it meant.) {@code --first} and {@code --second} set the sleeps.
 */
public final class JoinTwoChildren {
    private JoinTwoChildren() {
    }

    static void child(double seconds) {
        long pid = ProcessHandle.current().pid();
        System.out.println("child (" + pid + ") starts, its parent is (" + JvmProcess.parentPid() + ")");
        double start = Seconds.now();
        Seconds.sleep(seconds);
        double end = Seconds.now();
        System.out.println(String.format(Locale.ROOT, "child (%d) ran for %.2f seconds", pid, end - start));
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double first = options.seconds("first", 1);
        double second = options.seconds("second", 2);
        System.out.println("main process starts");
        System.out.println("main process pid: " + ProcessHandle.current().pid());
        JvmProcess p1 = new JvmProcess(() -> child(first));
        JvmProcess p2 = new JvmProcess(() -> child(second));
        p1.start();
        p2.start();
        System.out.println("p1.isAlive()=" + p1.isAlive());
        System.out.println("p2.isAlive()=" + p2.isAlive());
        System.out.println("p1.name()=" + p1.name());
        System.out.println("p1.pid()=" + p1.pid());
        System.out.println("p2.name()=" + p2.name());
        System.out.println("p2.pid()=" + p2.pid());
        // With join() the parent waits here until the children have ended.
        p1.join();
        p2.join();
        System.out.println("main process ends..");
    }
}
