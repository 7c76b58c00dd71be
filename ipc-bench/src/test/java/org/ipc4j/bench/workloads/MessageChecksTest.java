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
    void largeMessagesMustArriveWholeAndInOrder() {
        LargeOneWay consumer = new UnixSocketLarge();
        byte[] message = new byte[LargeOneWay.SIZE];
        for (int i = 0; i < message.length; i++) {
            message[i] = (byte) (i * 31 + 7);
        }
        ByteBuffer stamp = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
        stamp.putLong(0, 0).putLong(LargeOneWay.SIZE - 8, 0);
        consumer.received(message, message.length);
        // message 1 with a stale tail (torn), then short, then out of order
        stamp.putLong(0, 1);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length));
        stamp.putLong(LargeOneWay.SIZE - 8, 1);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length - 1));
        consumer.received(message, message.length);
        assertThrows(IllegalStateException.class, () -> consumer.received(message, message.length));
        assertEquals(1 << 20, LargeOneWay.SIZE);
    }
}
