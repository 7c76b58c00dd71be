package org.ipc4j.examples;

import org.ipc4j.process.ProcessPool;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 19: {@code Pool(4)} with ten {@code apply_async} tasks that print
 * their worker's pid and sleep 1 s ({@code --task-sleep}); {@code close()}, {@code join()}.
 */
public final class PoolTenTasks {
    private PoolTenTasks() {
    }

    static Void task(int name, double seconds) {
        System.out.println("child process (" + ProcessHandle.current().pid() + ") runs task (" + name + ")");
        Seconds.sleep(seconds);
        return null;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Options.parse(args).seconds("task-sleep", 1);
        System.out.println("parent process (" + ProcessHandle.current().pid() + ") starts");
        ProcessPool p = new ProcessPool(4);
        for (int i = 0; i < 10; i++) {
            p.applyAsync(name -> task(name, seconds), i);
        }
        p.shutdown();
        p.join();
        System.out.println("all child processes ended.....");
    }
}
