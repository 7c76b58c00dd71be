package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.sync.SharedEvent;
import org.ipc4j.sync.SharedLock;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shared objects captured by a lambda or held in a subclass's fields attach to the same memory in the child. */
@ExtendWith(SharedDirExtension.class)
class SharedObjectsInChildrenTest {

    static final class Producer extends JvmProcess {
        private final SharedQueue<String> queue;
        private final SharedLock lock;
        private final SharedEvent aboutToLock;

        Producer(SharedQueue<String> queue, SharedLock lock, SharedEvent aboutToLock) {
            this.queue = queue;
            this.lock = lock;
            this.aboutToLock = aboutToLock;
        }

        @Override
        public void run() throws Exception {
            aboutToLock.set();
            lock.lock();
            try {
                queue.put("from subclass " + current().name() + " holding the lock");
            } finally {
                lock.unlock();
            }
        }
    }

    @Test
    void aQueueAndALockTravelInLambdaCapturesAndSubclassFields() throws Exception {
        try (SharedQueue<String> queue = SharedQueue.create(Codecs.strings());
             SharedLock lock = SharedLock.create();
             SharedEvent aboutToLock = SharedEvent.create()) {
            JvmProcess lambda = JvmProcess.start(() -> {
                lock.lock();
                try {
                    queue.put("from lambda pid " + ProcessHandle.current().pid());
                } finally {
                    lock.unlock();
                }
            });
            lambda.join();
            assertEquals(0, lambda.exitCode());
            assertEquals("from lambda pid " + lambda.pid(), queue.poll(10, TimeUnit.SECONDS));

            // the parent holds the lock: the child blocks on the same lock until it is released
            lock.lock();
            Producer producer = new Producer(queue, lock, aboutToLock);
            producer.setName("Producer").start();
            assertTrue(aboutToLock.await(30, TimeUnit.SECONDS), "the child started");
            assertEquals(null, queue.poll(500, TimeUnit.MILLISECONDS), "the child waits for the parent's lock");
            lock.unlock();
            assertEquals("from subclass Producer holding the lock", queue.poll(20, TimeUnit.SECONDS));
            assertTrue(producer.join(Duration.ofSeconds(20)));
            assertEquals(0, producer.exitCode());
            List<String> rest = new ArrayList<>();
            queue.drainTo(rest);
            assertEquals(List.of(), rest);
            queue.unlink();
            lock.unlink();
            aboutToLock.unlink();
        }
    }
}
