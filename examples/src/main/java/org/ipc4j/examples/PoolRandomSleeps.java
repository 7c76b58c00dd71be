package org.ipc4j.examples;

import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

import org.ipc4j.process.ProcessPool;

/**
 * Seed 002_e1cb815d5437ad92.txt, program 10 (its Pool part, {@code long_time_task}), and
 * 001_a818457dac533d40.txt, program 7 ({@code test_pool}), which is the same program: {@code Pool(4)} with five
 * {@code apply_async} tasks that each sleep a random time and print their pid and how long they ran.
 *
 * <p>Program 10 sleeps {@code random() * 3} seconds, program 7 {@code random() * i}; the twin follows
 * program 10 ({@code --max-sleep} sets the 3 s) and prints the task's number and its worker's pid.
 */
public final class PoolRandomSleeps {
    private PoolRandomSleeps() {
    }

    static double longTimeTask(int name, double maxSleep) {
        long pid = ProcessHandle.current().pid();
        System.out.println("Run task " + name + " (" + pid + ")...");
        double start = Seconds.now();
        Seconds.sleep(ThreadLocalRandom.current().nextDouble() * maxSleep);
        double end = Seconds.now();
        System.out.println(String.format(Locale.ROOT, "Task %d (%d) runs %.2f seconds.", name, pid, end - start));
        return end - start;
    }

    public static void main(String[] args) throws Exception {
        double maxSleep = Options.parse(args).seconds("max-sleep", 3);
        System.out.println("Parent process " + ProcessHandle.current().pid() + ".");
        ProcessPool p = new ProcessPool(4);
        for (int i = 0; i < 5; i++) {
            p.applyAsync(name -> longTimeTask(name, maxSleep), i);
        }
        System.out.println("Waiting for all subprocesses done...");
        p.shutdown();
        p.join();
        System.out.println("All subprocesses done.");
    }
}
