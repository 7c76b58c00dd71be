package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.StartMethod;

/**
 * Seed 004_b19cf644d1653623.txt, program 28: {@code multiprocessing.set_start_method('fork')}, then a child
 * that puts 'Python' into a {@code Queue} for the parent to print. The seed also describes spawn and
 * forkserver.
 *
 * <p>A JVM cannot fork (see {@link ForkLikeChild}); {@link JvmProcess#setStartMethod} offers
 * {@link StartMethod#SPAWN} (a new JVM per child, Python's spawn) and {@link StartMethod#WARM} (a spare JVM
 * started in advance takes the child's work, the idea of Python's forkserver). As with set_start_method, the
 * choice applies to every process started afterwards. The twin runs the program once per start method
 * ({@code --start-method spawn} or {@code warm} runs one).
 */
public final class StartMethodQueue {
    private StartMethodQueue() {
    }

    static void foo(SharedQueue<String> q) throws InterruptedException {
        System.out.println("new process started: (" + ProcessHandle.current().pid() + ")");
        q.put("Python");
    }

    public static void main(String[] args) throws Exception {
        String only = Options.parse(args).text("start-method", "both");
        for (StartMethod method : StartMethod.values()) {
            if (only.equals("both") || only.equalsIgnoreCase(method.name())) {
                System.out.println("-- start method " + method.name().toLowerCase());
                JvmProcess.setStartMethod(method); // before anything else that starts processes
                SharedQueue<String> q = SharedQueue.create(Codecs.strings());
                try {
                    JvmProcess mp = new JvmProcess(() -> foo(q));
                    mp.start();
                    System.out.println(q.take()); // the message from the child
                    mp.join();
                } finally {
                    q.unlink();
                }
            }
        }
        JvmProcess.shutdownWarmSpares();
    }
}
