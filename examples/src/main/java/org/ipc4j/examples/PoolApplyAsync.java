package org.ipc4j.examples;

import org.ipc4j.process.ProcessPool;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 4: {@code Pool(4)} running five {@code apply_async(foo, (i,))}
 * tasks that sleep 2 s and print {@code x * x}; {@code close()}, {@code join()}.
 *
 * <p>{@code Pool(4)} is {@code new ProcessPool(4)} (four worker JVMs); {@code apply_async} is
 * {@link ProcessPool#applyAsync}, which returns a CompletableFuture; Python's {@code close()} is
 * {@link ProcessPool#shutdown()} (queued tasks still run) and {@code join()} waits for the workers to exit.
 * {@code --task-sleep} sets the 2 s.
 */
public final class PoolApplyAsync {
    private PoolApplyAsync() {
    }

    static int foo(int x, double seconds) {
        System.out.println("Run task " + x + " (pid:" + ProcessHandle.current().pid() + ")...");
        Seconds.sleep(seconds);
        System.out.println("Task " + x + " result is: " + x * x);
        return x * x;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Options.parse(args).seconds("task-sleep", 2);
        System.out.println("Parent process " + ProcessHandle.current().pid() + ".");
        ProcessPool p = new ProcessPool(4); // the number of worker processes
        for (int i = 0; i < 5; i++) {
            p.applyAsync(x -> foo(x, seconds), i); // the function and argument of each task
        }
        System.out.println("Waiting for all subprocesses done...");
        p.shutdown();
        p.join();
        System.out.println("All subprocesses done.");
    }
}
