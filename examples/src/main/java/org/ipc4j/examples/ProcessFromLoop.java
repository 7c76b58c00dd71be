package org.ipc4j.examples;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 004_b19cf644d1653623.txt, program 26: the parent counts to 100 and, at 20, starts two children with
 * {@code Process(target=action, args=(100,))}; each child counts to 100 too. Only the second is joined, so the
 * parent's count resumes once the second child has ended, while the first may still be counting.
 *
 * <p>Python joins the first child as it exits; the Java twin does it after its last line. {@code --count}
 * and {@code --start-at} change 100 and 20.
 */
public final class ProcessFromLoop {
    private ProcessFromLoop() {
    }

    static void action(int max) {
        for (int i = 0; i < max; i++) {
            System.out.println("(" + ProcessHandle.current().pid() + ") child (parent: (" + JvmProcess.parentPid() + ")): " + i);
        }
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        int count = options.integer("count", 100);
        int startAt = options.integer("start-at", 20);
        JvmProcess mp1 = null;
        for (int i = 0; i < count; i++) {
            System.out.println("(" + ProcessHandle.current().pid() + ") main process: " + i);
            if (i == startAt) {
                mp1 = new JvmProcess(() -> action(count));
                mp1.start();
                JvmProcess mp2 = new JvmProcess(() -> action(count));
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
