package org.ipc4j.examples;

import java.time.Instant;

import org.ipc4j.sync.SharedLock;

/**
 * Started by hand in two (or more) terminals (no seed program: the seeds' locks only serve a parent's own
 * children): every copy attaches to one named {@link SharedLock} and takes it {@code --rounds} times,
 * holding it {@code --hold} seconds each time, so the copies take turns. Each line carries the wall-clock
 * time, so the outputs of the terminals can be laid side by side: no two hold intervals overlap.
 *
 * <pre>
 *   terminal 1: java -jar examples/target/ipc4j-examples.jar run LockContender
 *   terminal 2: java -jar examples/target/ipc4j-examples.jar run LockContender
 * </pre>
 * The lock stays after the programs end, as a named object does; {@code --unlink} removes it at the end
 * (or {@code bin/ipc4j rm ipc4j-examples-lock}). {@code --lock} changes the name. If a holder is killed,
 * the next {@code lock()} takes the lock over and says so.
 */
public final class LockContender {
    static final String DEFAULT_LOCK = "ipc4j-examples-lock";

    private LockContender() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        String name = options.text("lock", DEFAULT_LOCK);
        int rounds = options.integer("rounds", 5);
        double hold = options.seconds("hold", 1);
        long pid = ProcessHandle.current().pid();
        try (SharedLock lock = SharedLock.openOrCreate(name)) {
            System.out.println(now() + " " + pid + " attached to lock '" + name + "'");
            for (int round = 1; round <= rounds; round++) {
                System.out.println(now() + " " + pid + " waits for the lock");
                lock.lock();
                try {
                    System.out.println(now() + " " + pid + " holds the lock (round " + round + ")"
                            + (lock.lastOwnerDied() ? "; its last owner died holding it" : ""));
                    Seconds.sleep(hold);
                    System.out.println(now() + " " + pid + " releases the lock");
                } finally {
                    lock.unlock();
                }
                Seconds.sleep(hold / 2); // give the others a turn
            }
            if (options.flag("unlink")) {
                lock.unlink();
                System.out.println(now() + " " + pid + " removed lock '" + name + "'");
            }
        }
    }

    /** Seconds since the epoch with microseconds: comparable between processes on one host. */
    static String now() {
        Instant t = Instant.now();
        return String.format("%d.%06d", t.getEpochSecond(), t.getNano() / 1000);
    }
}
