package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;
import org.ipc4j.process.StartMethod;

/**
 * Seed 004_b19cf644d1653623.txt, program 29: {@code ctx = multiprocessing.get_context('fork')}, a context
 * object with the module's API ({@code ctx.Queue()}, {@code ctx.Process(...)}) whose processes use that start
 * method, leaving the global default alone.
 *
 * <p>ipc4j has no context object: a queue is the same whatever the start method, and the choice for one
 * process is {@link JvmProcess#startMethod(StartMethod)}, set before {@code start()}. There is no fork
 * (see {@link ForkLikeChild}); {@code warm} is used here, and the global default stays spawn.
 * {@code --start-method spawn} picks the other.
 */
public final class ContextStartMethod {
    private ContextStartMethod() {
    }

    static void foo(SharedQueue<String> q) throws InterruptedException {
        System.out.println("new process started: (" + ProcessHandle.current().pid() + ")");
        q.put("Python");
    }

    public static void main(String[] args) throws Exception {
        StartMethod method = StartMethod.valueOf(Options.parse(args).text("start-method", "warm").toUpperCase());
        SharedQueue<String> q = SharedQueue.create(Codecs.strings()); // ctx.Queue()
        try {
            JvmProcess mp = new JvmProcess(() -> foo(q)).startMethod(method); // ctx.Process(target=foo, args=(q,))
            mp.start();
            System.out.println(q.take());
            mp.join();
            System.out.println("this process used " + method.name().toLowerCase()
                    + "; the default for others is still " + JvmProcess.getStartMethod().name().toLowerCase());
        } finally {
            q.unlink();
        }
        JvmProcess.shutdownWarmSpares();
    }
}
