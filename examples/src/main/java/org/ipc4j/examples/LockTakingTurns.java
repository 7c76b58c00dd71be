package org.ipc4j.examples;

import java.util.ArrayList;
import java.util.List;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.sync.SharedLock;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 16: {@code Lock}: three processes take turns around a critical
 * section ("n: pid is running", a random sleep, "n: pid is done"); whoever gets the lock first goes first,
 * the others wait for the release.
 *
 * <p>{@code Lock()} is {@link SharedLock#create()} (anonymous; its handle travels in the lambda), a
 * {@link java.util.concurrent.locks.Lock}: {@code acquire()/release()} are {@code lock()/unlock()}. As Python
 * does at exit, the twin joins the children, then removes the lock's file. {@code --max-hold} sets the longest
 * random sleep inside (1 s).
 */
public final class LockTakingTurns {
    private LockTakingTurns() {
    }

    static void work(SharedLock lock, int n, double maxHold) {
        lock.lock();
        try {
            System.out.println(n + ": " + ProcessHandle.current().pid() + " is running");
            Seconds.sleep(Math.random() * maxHold);
            System.out.println(n + ": " + ProcessHandle.current().pid() + " is done");
        } finally {
            lock.unlock();
        }
    }

    public static void main(String[] args) throws Exception {
        double maxHold = Options.parse(args).seconds("max-hold", 1);
        SharedLock lock = SharedLock.create();
        try {
            List<JvmProcess> started = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                started.add(JvmProcess.start(() -> work(lock, n, maxHold)));
            }
            for (JvmProcess p : started) {
                p.join(); // what Python does for us at exit
            }
        } finally {
            lock.unlink();
        }
    }
}
