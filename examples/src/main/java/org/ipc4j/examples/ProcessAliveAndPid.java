package org.ipc4j.examples;

import org.ipc4j.process.JvmProcess;

/**
 * Seed 001_a818457dac533d40.txt, program 6: {@code is_alive()} and {@code pid} of a {@code Process} before
 * {@code start()}, after {@code start()} and after {@code join()}. Python prints {@code None} for the pid
 * before start; Java prints {@code null}.
 */
public final class ProcessAliveAndPid {
    private ProcessAliveAndPid() {
    }

    static void hello(String name) {
        System.out.println("Hello, " + name);
    }

    public static void main(String[] args) throws Exception {
        String name = Options.parse(args).text("name", "cara");
        System.out.println("Process(" + ProcessHandle.current().pid() + ") started...");
        JvmProcess p = new JvmProcess(() -> hello(name));
        System.out.println("Child process is alive? " + p.isAlive() + "!");
        System.out.println("Child process(" + p.pid() + ")is starting ..");
        p.start();
        System.out.println("Child process is alive? " + p.isAlive() + "!");
        p.join();
        System.out.println("Child process is alive? " + p.isAlive() + "!");
        System.out.println("Child process(" + p.pid() + ") has been stopped ..");
        System.out.println("Process(" + ProcessHandle.current().pid() + ") completed...");
    }
}
