package org.ipc4j.examples;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 22: one {@code Queue} used by parent and child: the parent puts
 * "11", the child puts "22", and after {@code join()} the parent takes both with {@code get_nowait()}.
 */
public final class QueueParentChild {
    private QueueParentChild() {
    }

    static void f(SharedQueue<String> test) throws InterruptedException {
        test.put("22");
    }

    public static void main(String[] args) throws Exception {
        SharedQueue<String> q = SharedQueue.create(Codecs.strings()); // the parent's queue
        try {
            q.put("11");
            JvmProcess p = new JvmProcess(() -> f(q)); // the child
            p.start();
            p.join();
            System.out.println("got: " + q.getNowait());
            System.out.println("got: " + q.getNowait());
        } finally {
            q.unlink();
        }
    }
}
