package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.List;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 12: {@code multiprocessing.current_process().name}, the module name
 * {@code __name__}, {@code os.getppid()} and {@code os.getpid()} printed by five children.
 *
 * <p>{@code current_process()} is {@link JvmProcess#current()}; children are named JvmProcess-1, -2, ... as
 * Python names them Process-1, -2, ... . Java has no module name: the nearest is the class whose method the
 * child runs (Python prints {@code __mp_main__} there under spawn). Each child prints its five lines with one
 * write, so that the blocks of different children do not interleave. As in program 11, the Java twin joins
 * the children that Python joins at exit.
 */
public final class ProcessNames {
    private ProcessNames() {
    }

    static void foo(int i) {
        String block = "This is " + JvmProcess.current().name() + "\n"
                + "module name: " + ProcessNames.class.getName() + "\n"
                + "parent pid: " + JvmProcess.parentPid() + "\n"
                + "child pid: " + ProcessHandle.current().pid() + "\n"
                + "------------------------";
        System.out.println(block);
    }

    public static void main(String[] args) throws Exception {
        int children = Options.parse(args).integer("children", 5);
        System.out.println("main process: " + JvmProcess.current().name() + " pid " + ProcessHandle.current().pid());
        List<JvmProcess> started = new ArrayList<>();
        for (int i = 0; i < children; i++) {
            int x = i;
            JvmProcess p = new JvmProcess(() -> foo(x));
            p.start();
            started.add(p);
        }
        for (JvmProcess p : started) {
            p.join(); // what Python does for us at exit
        }
    }
}
