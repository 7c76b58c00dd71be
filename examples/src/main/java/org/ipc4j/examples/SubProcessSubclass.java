package org.ipc4j.examples;

import java.util.Locale;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 14: {@code class SubProcess(Process)} with {@code __init__(interval,
 * name='')} and {@code run()} overridden; {@code start()} runs {@code run()} in the child.
 *
 * <p>The subclass's fields ({@code interval}) are serialised to the child with it. A subclass without a name
 * keeps the default one, JvmProcess-N (Python's SubProcess-N).
 */
public final class SubProcessSubclass {
    private SubProcessSubclass() {
    }

    static final class SubProcess extends JvmProcess {
        private static final long serialVersionUID = 1L;
        private final double interval;

        SubProcess(double interval, String name) {
            this.interval = interval;
            if (!name.isEmpty()) {
                setName(name);
            }
        }

        SubProcess(double interval) {
            this(interval, "");
        }

        @Override
        public void run() {
            long pid = ProcessHandle.current().pid();
            System.out.println("child (" + pid + ") starts, its parent is (" + JvmProcess.parentPid() + ")");
            double start = Seconds.now();
            Seconds.sleep(interval);
            double end = Seconds.now();
            System.out.println(String.format(Locale.ROOT, "child (%d) ran for %.2f seconds", pid, end - start));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        System.out.println("main process starts");
        System.out.println("main process pid: " + ProcessHandle.current().pid());
        SubProcess p1 = new SubProcess(options.seconds("first", 1), "mrsoft");
        SubProcess p2 = new SubProcess(options.seconds("second", 2));
        // start() runs run() in the child
        p1.start();
        p2.start();
        System.out.println("p1.isAlive()=" + p1.isAlive());
        System.out.println("p2.isAlive()=" + p2.isAlive());
        System.out.println("p1.name()=" + p1.name());
        System.out.println("p1.pid()=" + p1.pid());
        System.out.println("p2.name()=" + p2.name());
        System.out.println("p2.pid()=" + p2.pid());
        p1.join();
        p2.join();
        System.out.println("main process ends..");
    }
}
