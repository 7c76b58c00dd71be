package org.ipc4j.examples;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 2: {@code Process(target=child_proc, args=('test',))}, {@code start()},
 * {@code join()}. The same program appears again in 002_e1cb815d5437ad92.txt (program 10, {@code run_proc})
 * and in 003_a9b0aa1739b70ad8.txt ({@code run_proce}); this class stands for all three.
 *
 * <p>{@code args=('test',)} becomes a value captured by the lambda: it is serialised and sent to the child.
 */
public final class ProcessStartJoin {
    private ProcessStartJoin() {
    }

    static void childProc(String name) {
        System.out.println("Run child process " + name + " (" + ProcessHandle.current().pid() + ")...");
    }

    public static void main(String[] args) throws Exception {
        String name = Options.parse(args).text("name", "test");
        System.out.println("Parent process " + ProcessHandle.current().pid() + ".");
        JvmProcess p = new JvmProcess(() -> childProc(name));
        System.out.println("Process will start.");
        p.start();
        p.join();
        System.out.println("Process end.");
    }
}
