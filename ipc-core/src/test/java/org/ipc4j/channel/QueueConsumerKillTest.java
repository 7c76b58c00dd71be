package org.ipc4j.channel;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.ipc4j.codec.Codecs;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.Background;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.ipc4j.testkit.Stress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Issue #16 item 10, the delivery guarantee of {@link SharedQueue} as its Javadoc states it: a consumer killed
 * while taking loses at most the element it was taking; nothing is delivered twice. Small elements (one
 * record each), consumers in child JVMs that work 0, 1 µs or 1 ms per element, killed at random points.
 */
@ExtendWith(SharedDirExtension.class)
class QueueConsumerKillTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final int END = -1;

    /** Child: args name, work ("0", "1us", "1ms"). Takes ints, printing each; ends at END. */
    public static final class Consumer {
        public static void main(String[] args) throws Exception {
            SharedQueue<Integer> queue = SharedQueue.open(args[0], Codecs.ints());
            System.out.println("ready");
            while (true) {
                int element = queue.take();
                System.out.println("got " + element);
                if (element == END) {
                    return;
                }
                if (args[1].equals("1us")) {
                    long until = System.nanoTime() + 1_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                } else if (args[1].equals("1ms")) {
                    Thread.sleep(1);
                }
            }
        }
    }

    @Test
    void consumersKilledAtRandomLoseAtMostTheElementEachWasTakingAndNothingComesTwice() throws Exception {
        SharedQueue<Integer> queue = SharedQueue.create("consumer-kills", RingOptions.ofCapacity(1 << 14), Codecs.ints());
        int kills = Stress.rounds(24, 8);
        String[] work = {"0", "1us", "1ms"};
        Random random = new Random(10);
        List<String> seen = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger put = new AtomicInteger();
        try (Background producer = Background.run(() -> {
            while (!stop.get()) {
                queue.put(put.get());
                put.incrementAndGet();
            }
            queue.put(END);
        })) {
            for (int k = 0; k < kills; k++) {
                try (ChildJvm consumer = ChildJvm.start(Consumer.class, "consumer-kills", work[k % work.length])) {
                    consumer.awaitLine("ready"::equals, TIMEOUT);
                    Thread.sleep(5 + random.nextInt(100));
                    assertTrue(consumer.isAlive(), "killed while taking, not after the end");
                    consumer.kill9();
                    seen.addAll(consumer.lines());
                }
            }
            stop.set(true);
            try (ChildJvm last = ChildJvm.start(Consumer.class, "consumer-kills", "0")) {
                last.assertSuccess(TIMEOUT);
                seen.addAll(last.lines());
            }
        }
        int elements = put.get();
        BitSet delivered = new BitSet(elements);
        boolean endSeen = false;
        for (String line : seen) {
            if (!line.startsWith("got ")) {
                continue;
            }
            int element = Integer.parseInt(line.substring(4));
            if (element == END) {
                endSeen = true;
                continue;
            }
            assertTrue(element >= 0 && element < elements, "an element never put: " + element);
            assertTrue(!delivered.get(element), "delivered twice: " + element);
            delivered.set(element);
        }
        int lost = elements - delivered.cardinality();
        assertTrue(endSeen, "the last consumer took the end marker");
        StringBuilder missing = new StringBuilder();
        for (int i = delivered.nextClearBit(0); i < elements && missing.length() < 800; i = delivered.nextClearBit(i + 1)) {
            int to = Math.min(elements, delivered.nextSetBit(i) < 0 ? elements : delivered.nextSetBit(i));
            missing.append(' ').append(i).append(to - 1 > i ? "-" + (to - 1) : "");
            i = to - 1;
        }
        assertTrue(lost <= kills, lost + " elements lost for " + kills + " consumers killed; missing:" + missing);
        assertTrue(queue.isEmpty());
        System.out.printf("%d consumers killed: %d of %d elements delivered, %d lost with their takers%n",
                kills, delivered.cardinality(), elements, lost);
        queue.unlink();
        queue.close();
    }
}
