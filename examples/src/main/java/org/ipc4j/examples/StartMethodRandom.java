package org.ipc4j.examples;

import java.util.concurrent.ThreadLocalRandom;

import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.StartMethod;

/**
 * Seed 000_ef5a6b27d8520a26.txt, program 3: a module-level {@code num = random.randint(0, 100)} printed by the
 * parent and by a child. Under Python's fork the child sees the parent's number; under spawn (Windows) it
 * draws its own.
 *
 * <p>A child JVM always behaves like spawn, whichever start method: static fields are initialised afresh
 * in the child, so its {@code NUM} is its own draw (equal to the parent's only by chance, 1 in 101). The
 * {@code warm} start method changes how fast the child starts, not this. What the lambda captures is
 * different: a captured value is serialised and arrives unchanged, the way {@code args=(...)} does.
 * Each line also says in which process the static field was initialised.
 */
public final class StartMethodRandom {
    static final int NUM = ThreadLocalRandom.current().nextInt(0, 101);
    static final long NUM_DRAWN_IN_PID = ProcessHandle.current().pid();

    private StartMethodRandom() {
    }

    static void showNum() {
        System.out.println("pid:" + ProcessHandle.current().pid() + ", num is " + NUM
                + " (static NUM drawn in pid " + NUM_DRAWN_IN_PID + ")");
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        double spareBoot = options.seconds("spare-boot", 1.0);
        showNum();
        for (StartMethod method : StartMethod.values()) {
            if (method == StartMethod.WARM) {
                JvmProcess.setStartMethod(StartMethod.WARM);
                Seconds.sleep(spareBoot);
            }
            System.out.println("-- start method " + method.name().toLowerCase());
            int captured = NUM;
            JvmProcess p = JvmProcess.start(() -> {
                showNum();
                System.out.println("pid:" + ProcessHandle.current().pid() + ", captured num is " + captured);
            });
            p.join();
        }
        JvmProcess.shutdownWarmSpares();
    }
}
