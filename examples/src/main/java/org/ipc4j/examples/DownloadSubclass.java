package org.ipc4j.examples;

import java.util.Locale;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 15: {@code class Download(Process)} whose {@code run()} "downloads"
 * for {@code interval} (2 s) seconds; the parent does not join but sleeps 10 s ({@code --parent-sleep}),
 * long enough for the child to finish first.
 *
 * <p>Python joins the finished child as it exits; the Java twin does it after its last line.
 */
public final class DownloadSubclass {
    private DownloadSubclass() {
    }

    static final class Download extends JvmProcess {
        private static final long serialVersionUID = 1L;
        private final double interval;

        Download(double interval) {
            this.interval = interval;
        }

        @Override
        public void run() {
            double start = Seconds.now();
            long pid = ProcessHandle.current().pid();
            System.out.println("starting process " + pid + " to download");
            System.out.println("child (" + pid + ") starts, its parent is (" + JvmProcess.parentPid() + ")");
            Seconds.sleep(interval);
            double stop = Seconds.now();
            System.out.println(String.format(Locale.ROOT, "child (%d) finished, took (%f) seconds", pid, stop - start));
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double interval = options.seconds("interval", 2);
        double parentSleep = options.seconds("parent-sleep", 10);
        double start = Seconds.now();
        System.out.println("current process (" + ProcessHandle.current().pid() + ")");
        Download p = new Download(interval);
        p.start();
        Seconds.sleep(parentSleep); // instead of p.join(): the seed's way of letting the child finish first
        double stop = Seconds.now();
        System.out.println(String.format(Locale.ROOT, "main process (%d) finished, took (%f) seconds",
                ProcessHandle.current().pid(), stop - start));
        p.join(); // what Python does for us at exit
    }
}
