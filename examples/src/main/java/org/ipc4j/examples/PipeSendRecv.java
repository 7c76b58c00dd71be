package org.ipc4j.examples;

import java.io.EOFException;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.process.JvmProcess;

/**
 * Seed 003_a9b0aa1739b70ad8.txt, program 25: {@code Pipe()}; one process sends url_0..url_9 through one end
 * (random pauses), another receives from the other end in an endless loop (random pauses) and is
 * {@code terminate()}d once the sender has ended.
 *
 * <p>{@code Pipe()} is {@link Pipe#open()} ({@code pipe[0]}, {@code pipe[1]} are {@code first()}, {@code second()}):
 * passing an end to a child hands it over. As in the seed, the receiver is slower than the sender and is
 * terminated when the sender ends, so the last urls may never be received (the seed's own output stops at
 * url_6). The parent removes the pipe's file at the end. {@code --max-pause} sets the longest pause (1 s).
 */
public final class PipeSendRecv {
    private PipeSendRecv() {
    }

    static void procSend(Connection pipe, List<String> urls, double maxPause) throws InterruptedException {
        for (String url : urls) {
            System.out.println("Process(" + ProcessHandle.current().pid() + ") send :" + url);
            pipe.send(url);
            Seconds.sleep(Math.random() * maxPause);
        }
    }

    static void procRecv(Connection pipe, double maxPause) throws Exception {
        while (true) {
            Object url;
            try {
                url = pipe.recv();
            } catch (EOFException senderDone) {
                // In Python the parent keeps a copy of the sending end, so recv() blocks until terminate();
                // here the end was handed over and its holder has exited: wait for terminate() all the same.
                Thread.sleep(Long.MAX_VALUE);
                return;
            }
            System.out.println("Process(" + ProcessHandle.current().pid() + ") rev:" + url);
            Seconds.sleep(Math.random() * maxPause);
        }
    }

    public static void main(String[] args) throws Exception {
        double maxPause = Options.parse(args).seconds("max-pause", 1);
        Pipe pipe = Pipe.open();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            urls.add("url_" + i);
        }
        Connection end0 = pipe.first();
        Connection end1 = pipe.second();
        try {
            JvmProcess p1 = new JvmProcess(() -> procSend(end0, urls, maxPause));
            JvmProcess p2 = new JvmProcess(() -> procRecv(end1, maxPause));
            p1.start();
            p2.start();
            p1.join();
            p2.terminate();
            p2.join();
            System.out.println("receiver terminated, exit code " + p2.exitCode());
        } finally {
            end0.unlink();
            end0.close();
            end1.close();
        }
    }
}
