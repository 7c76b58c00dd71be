package org.ipc4j.net;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.BackoffIdleStrategy;

/**
 * Who runs the embedded driver's duty cycle (conductor, sender and receiver) in {@code INVOKER} mode: a thread
 * that waits for the network runs it itself ({@link #pump()}, from a blocked send or receive, and once after
 * each send), and a background thread runs it, backing off to 1 ms parks, while nobody does. On a machine with
 * few cores this keeps the threads that poll to one per waiting caller, instead of a caller and a driver
 * thread competing for the same core: the datagram goes out and comes in on the thread that wants it.
 *
 * <p>The invoker is not thread-safe: a lock lets one thread at a time run it; one that finds it taken goes on
 * (another thread is doing the work).
 */
final class DriverDuty {
    private final AgentInvoker invoker;
    private final ReentrantLock lock = new ReentrantLock();
    private final Thread background;
    private volatile boolean running = true;

    DriverDuty(AgentInvoker invoker, String name) {
        this.invoker = invoker;
        this.background = new Thread(this::runWhileNobodyElseDoes, "ipc4j-net-driver " + name);
        this.background.setDaemon(true);
        this.background.start();
    }

    /** One duty cycle if no other thread is running one: the work done, 0 if none or if another thread has it. */
    int pump() {
        if (!lock.tryLock()) {
            return 0;
        }
        try {
            return invoker.isClosed() ? 0 : invoker.invoke();
        } finally {
            lock.unlock();
        }
    }

    /** Stops the background thread and closes the driver's agents (no duty cycle runs after this returns). */
    void close() {
        running = false;
        try {
            background.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            invoker.close();
        } finally {
            lock.unlock();
        }
    }

    private void runWhileNobodyElseDoes() {
        BackoffIdleStrategy idle = new BackoffIdleStrategy(50, NetSettings.IDLE_YIELDS, TimeUnit.MICROSECONDS.toNanos(1),
                TimeUnit.MILLISECONDS.toNanos(1));
        while (running) {
            idle.idle(pump());
        }
    }
}
