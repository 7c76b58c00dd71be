package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A handle closed by another thread while one of its threads waits ends that wait with
 * {@link ObjectClosedException} (a close signals nothing: the waits look now and then), whether or not the
 * close frees the memory under it.
 */
@ExtendWith(SharedDirExtension.class)
class ClosedWhileWaitingTest {

    /** Runs {@code wait} on a thread of its own and returns what it threw (or null if it returned). */
    private static Future<Throwable> waiting(Wait wait) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                wait.run();
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    @FunctionalInterface
    private interface Wait {
        void run() throws Exception;
    }

    @Test
    void aTakeOnAQueueClosedMeanwhileThrows() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("closed-take", RingOptions.ofCapacity(1 << 16), Codecs.bytes());
        Future<Throwable> take = waiting(queue::take);
        Thread.sleep(150);
        queue.unlink();
        long closed = System.nanoTime();
        queue.close();
        Throwable thrown = take.get(5, TimeUnit.SECONDS);
        assertTrue(thrown instanceof ObjectClosedException, String.valueOf(thrown));
        System.out.printf("a take saw its queue closed after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closed));
    }

    @Test
    void aPutOnAFullQueueClosedMeanwhileThrows() throws Exception {
        SharedQueue<byte[]> queue = SharedQueue.create("closed-put", RingOptions.ofCapacity(4096).withMaxCount(1), Codecs.bytes());
        queue.put(new byte[] {1});
        Future<Throwable> put = waiting(() -> queue.put(new byte[] {2}));
        Thread.sleep(150);
        queue.unlink();
        queue.close();
        Throwable thrown = put.get(5, TimeUnit.SECONDS);
        assertTrue(thrown instanceof ObjectClosedException, String.valueOf(thrown));
    }

    @Test
    void aRecvOnAPipeEndClosedMeanwhileThrowsWhileTheOtherEndLives() throws Exception {
        Pipe pipe = Pipe.open();
        Connection waiter = pipe.first();
        Future<Throwable> recv = waiting(waiter::recvBytes);
        Thread.sleep(150);
        waiter.close();
        Throwable thrown = recv.get(5, TimeUnit.SECONDS);
        assertTrue(thrown instanceof ObjectClosedException, String.valueOf(thrown));
        pipe.second().close();
        assertEquals(List.of(), SharedDirExtension.objectFiles());
    }
}
