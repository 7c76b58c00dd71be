package org.ipc4j.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class ConditionCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int ITEMS = 5_000;
    private static final int CAPACITY = 4;
    private static final int BUFFERED = 0;
    private static final int PRODUCED_SUM = 1;
    private static final int CONSUMED_SUM = 2;
    private static final int CONSUMED = 3;

    /** Child: args role (producer|consumer), conditionName, bufferName. Prints how often it had to wait. */
    public static final class Worker {
        public static void main(String[] args) throws Exception {
            boolean producer = args[0].equals("producer");
            try (SharedCondition changed = SharedCondition.open(args[1]); SharedCounter buffer = SharedCounter.open(args[2])) {
                AbstractSharedLock lock = changed.lock();
                int waits = 0;
                for (int item = 1; item <= ITEMS; item++) {
                    lock.lock();
                    try {
                        if (producer) {
                            while (buffer.get(BUFFERED) == CAPACITY) {
                                waits++;
                                changed.await();
                            }
                            buffer.set(BUFFERED, buffer.get(BUFFERED) + 1);
                            buffer.set(PRODUCED_SUM, buffer.get(PRODUCED_SUM) + item);
                        } else {
                            if (buffer.get(BUFFERED) == 0) {
                                waits++;
                            }
                            changed.awaitUntil(() -> buffer.get(BUFFERED) > 0);
                            buffer.set(BUFFERED, buffer.get(BUFFERED) - 1);
                            buffer.set(CONSUMED_SUM, buffer.get(CONSUMED_SUM) + item);
                            buffer.set(CONSUMED, buffer.get(CONSUMED) + 1);
                        }
                        changed.signalAll();
                    } finally {
                        lock.unlock();
                    }
                }
                System.out.println("waits=" + waits);
            }
        }
    }

    @Test
    void aProducerAndAConsumerInTwoJvmsHandOverEveryItemThroughAwaitAndSignalAll() {
        try (SharedLock lock = SharedLock.create("buffer-lock");
             SharedCondition changed = SharedCondition.create("buffer-changed", lock);
             SharedCounter buffer = SharedCounter.create("buffer")) {
            ChildJvm consumer = ChildJvm.start(Worker.class, "consumer", "buffer-changed", "buffer");
            ChildJvm producer = ChildJvm.start(Worker.class, "producer", "buffer-changed", "buffer");
            producer.assertSuccess(TIMEOUT);
            consumer.assertSuccess(TIMEOUT);
            long expectedSum = (long) ITEMS * (ITEMS + 1) / 2;
            assertEquals(expectedSum, buffer.get(PRODUCED_SUM));
            assertEquals(expectedSum, buffer.get(CONSUMED_SUM));
            assertEquals(ITEMS, buffer.get(CONSUMED));
            assertEquals(0, buffer.get(BUFFERED));
            long producerWaits = waits(producer);
            long consumerWaits = waits(consumer);
            System.out.println("producer waited " + producerWaits + " times, consumer " + consumerWaits + " times");
            assertTrue(producerWaits + consumerWaits > 0, "nobody ever waited, so await/signalAll were not exercised");
            assertEquals(0, changed.waiting(), "every waiter slot was given back");
            lock.unlink();
            changed.unlink();
            buffer.unlink();
        }
    }

    private static long waits(ChildJvm child) {
        return Long.parseLong(child.awaitLineStartingWith("waits=", TIMEOUT).substring("waits=".length()));
    }
}
