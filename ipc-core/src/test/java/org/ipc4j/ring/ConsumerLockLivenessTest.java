package org.ipc4j.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An MPMC ring's consumer lock (a queue's) held by another JVM that judges liveness differently, or lives in
 * another PID namespace, is never taken from it while it lives, and is taken over once it is killed. Before one
 * process identity, a holder started with {@code -Dipc4j.liveness=portable} stored its start time in epoch
 * milliseconds, which this side read as clock ticks: "another start time", dead, and two consumers at once.
 */
@ExtendWith(SharedDirExtension.class)
class ConsumerLockLivenessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: takes the consumer lock of MPMC ring args[0], says so, and waits to be killed. */
    public static final class HoldsTheConsumerLock {
        public static void main(String[] args) throws Exception {
            Region region = Region.open(args[0], ObjectType.RAW);
            ConsumerLock lock = new ConsumerLock(region.bytes(), region.bodyOffset() + RingDescriptor.CONSUMER_LOCK_OFFSET,
                    region.processes());
            System.out.println(lock.tryLock() ? "locked" : "refused");
            Thread.sleep(120_000);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"portable", "procfs", "namespace"})
    void aLiveHolderIsNeverRobbedAndAKilledOneIsTakenOver(String holderKind) throws Exception {
        if (holderKind.equals("namespace")) {
            String why = ChildJvm.whyNoNewPidNamespace();
            Assumptions.assumeTrue(why == null, () -> "skipped: no PID namespace for a child here: " + why);
        }
        String name = "consumer-lock-" + holderKind;
        RingBasicsTest.createRing(name, RingOptions.ofCapacity(4096), true);
        try (Region region = Region.open(name, ObjectType.RAW)) {
            ConsumerLock lock = new ConsumerLock(region.bytes(), region.bodyOffset() + RingDescriptor.CONSUMER_LOCK_OFFSET,
                    region.processes());
            ChildJvm.Builder builder = ChildJvm.builder(HoldsTheConsumerLock.class).args(name);
            if (holderKind.equals("namespace")) {
                builder.inNewPidNamespace();
            } else {
                builder.property("ipc4j.liveness", holderKind);
            }
            try (ChildJvm holder = builder.start()) {
                assertEquals("locked", holder.awaitLine(line -> line.equals("locked") || line.equals("refused"), TIMEOUT));
                long watch = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
                assertFalse(lock.lockUnless(() -> false, watch), "the live holder (" + holderKind + ") kept its lock");
                holder.kill9();
                assertTrue(lock.lockUnless(() -> false, System.nanoTime() + TimeUnit.SECONDS.toNanos(10)),
                        "the killed holder's lock is taken over");
                lock.unlock();
            }
        } finally {
            RingBasicsTest.unlink(name);
        }
    }
}
