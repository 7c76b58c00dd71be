package org.ipc4j.examples;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 004_b19cf644d1653623.txt, program 27: program 26 again with {@code class MyProcess(Process)} whose
 * {@code run()} counts to {@code max}. As there, only the second child is joined in the loop; the Java twin
 * joins the first after its last line, as Python does at exit.
 */
public final class MyProcessSubclass {
    private MyProcessSubclass() {
    }

    static final class MyProcess extends JvmProcess {
        private static final long serialVersionUID = 1L;
        private final int max;

        MyProcess(int max) {
            this.max = max;
        }

        // run() is what the child process executes
        @Override
        public void run() {
            for (int i = 0; i < max; i++) {
                System.out.println("(" + ProcessHandle.current().pid() + ") child (parent: (" + JvmProcess.parentPid() + ")): " + i);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int count = options.integer("count", 100);
        int startAt = options.integer("start-at", 20);
        MyProcess mp1 = null;
        for (int i = 0; i < count; i++) {
            System.out.println("(" + ProcessHandle.current().pid() + ") main process: " + i);
            if (i == startAt) {
                mp1 = new MyProcess(count);
                mp1.start();
                MyProcess mp2 = new MyProcess(count);
                mp2.start();
                mp2.join();
            }
        }
        System.out.println("main process done!");
        if (mp1 != null) {
            mp1.join(); // what Python does for us at exit
        }
    }
}
