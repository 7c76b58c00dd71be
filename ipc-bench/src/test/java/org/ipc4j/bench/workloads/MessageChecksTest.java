package org.ipc4j.bench.workloads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;

/** The checks the multi-process workloads apply to every message, so that a broken transport fails the run. */
class MessageChecksTest {
    @Test
    void twoByTwoConsumersAcceptIncreasingSequencesPerProducerOnly() {
        TwoByTwo consumer = new Ipc4jRingTwoByTwo();
        consumer.received(0, 5, 5);
        consumer.received(1, 0, 0);
        consumer.received(0, 9, 9);
        assertThrows(IllegalStateException.class, () -> consumer.received(0, 9, 9));
        assertThrows(IllegalStateException.class, () -> consumer.received(1, 3, 4));
        assertThrows(IllegalStateException.class, () -> consumer.received(2, 10, 10));
    }

    @Test
    void arrayMessagesCarryTheirSequenceInEveryLong() {
        byte[] message = new byte[32];
        ArrayStamp.put(message, 0x0102030405060708L);
        assertEquals(0x0102030405060708L, ArrayStamp.get(message));
        assertEquals(0x08, message[0]);
        assertEquals(0x01, message[31]);
    }

    @Test
    void largeMessagesMustArriveWholeAndInOrderWhateverTheirSize() {
        LargeOneWay consumer = new UnixSocketLarge();
        byte[] message = LargeOneWay.pattern(1 << 20);
        ByteBuffer stamp = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        stamp.putLong(0, 0).putLong(8, message.length).putLong(message.length - 8, 0);
        consumer.received(message, message.length);
        // message 1 with a stale tail (torn), then short, then out of order
        stamp.putLong(0, 1);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length));
        stamp.putLong(message.length - 8, 1);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length - 1));
        consumer.received(message, message.length);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length));
        byte[] small = LargeOneWay.pattern(64 << 10);
        ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 2).putLong(8, small.length).putLong(small.length - 8, 2);
        consumer.received(small, small.length);
        small[small.length / 2]++;
        ByteBuffer.wrap(small).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 3).putLong(small.length - 8, 3);
        assertThrows(IllegalStateException.class, () -> consumer.received(small, small.length), "a wrong pattern byte");
        assertEquals("msg64k-one-way", WorkloadIds.largeOneWay(64 << 10));
        assertEquals("msg256m-one-way", WorkloadIds.largeOneWay(256 << 20));
    }
}
