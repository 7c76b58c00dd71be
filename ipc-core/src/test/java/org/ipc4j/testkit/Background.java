package org.ipc4j.testkit;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One side of a test on a thread of its own: a send longer than the ring needs a receiver while it runs. */
public final class Background implements AutoCloseable {
    /** A test step that may throw anything. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final FutureTask<Void> task;
    private final Thread thread;

    private Background(Step step) {
        this.task = new FutureTask<>(() -> {
            step.run();
            return null;
        });
        this.thread = new Thread(task, "test-background");
        thread.setDaemon(true);
        thread.start();
    }

    public static Background run(Step step) {
        return new Background(step);
    }

    /** Waits up to 60 s for the step; an {@link AssertionError} carries what it threw. */
    public void join() {
        try {
            task.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AssertionError failed) {
                throw failed;
            }
            throw new AssertionError("the background step threw " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError("the background step did not finish in 60 s", e);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the background step", e);
        }
    }

    @Override
    public void close() {
        join();
    }
}
