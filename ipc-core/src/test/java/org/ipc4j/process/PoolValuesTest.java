package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.process.PoolValues.UnreadableValueException;
import org.junit.jupiter.api.Test;

/** The value encoding of pool messages, in one JVM (no shared memory involved). */
class PoolValuesTest {

    /** Deserialising it always fails, as a class missing on the reading side would. */
    static final class Unreadable implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("cannot be read here");
        }
    }

    private static WireIn roundTrip(Object... values) throws IOException {
        WireOut out = new WireOut();
        for (Object value : values) {
            PoolValues.write(out, value);
        }
        return new WireIn("test", Arrays.copyOf(out.array(), out.length()));
    }

    @Test
    void everyKindOfValueComesBackEqual() throws Exception {
        String text = "héllo, wörld ✓";
        List<Object> list = new ArrayList<>(List.of(1, "two", 3.5));
        list.add(null);
        LinkedList<Integer> linked = new LinkedList<>(List.of(7, 8));
        Object[] values = {null, 42, -7L, 2.5, true, false, text, new BigInteger("123456789012345678901234567890"), list, linked,
                           Long.MIN_VALUE, Double.NaN, ""};
        WireIn in = roundTrip(values);
        for (Object expected : values) {
            Object actual = PoolValues.read(in);
            assertEquals(expected, actual);
            if (expected != null) {
                assertEquals(expected.getClass(), actual.getClass(), "the type is kept");
            }
        }
        assertFalse(in.hasMore());

        WireIn bytes = roundTrip(new byte[] {1, 2, 3}, new Object[] {"a", 1, new byte[0]});
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) PoolValues.read(bytes));
        Object[] array = (Object[]) PoolValues.read(bytes);
        assertEquals("a", array[0]);
        assertEquals(1, array[1]);
        assertArrayEquals(new byte[0], (byte[]) array[2]);
    }

    @Test
    void aListOfIntegersTravelsAsPlainIntsAndComesBackAsAnArrayListOfIntegers() throws Exception {
        List<Integer> ints = new ArrayList<>(List.of(0, -1, 1, 255, 256, Integer.MIN_VALUE, Integer.MAX_VALUE, 1 << 24));
        WireOut out = new WireOut();
        PoolValues.write(out, ints);
        assertEquals(1 + 4 + 4 * ints.size(), out.length(), "a tag, the count and 4 bytes per element");
        Object back = PoolValues.read(new WireIn("test", Arrays.copyOf(out.array(), out.length())));
        assertEquals(ints, back);
        assertEquals(ArrayList.class, back.getClass());

        // a null or another type among them: the general list form, still equal
        List<Object> withNull = new ArrayList<>(List.of(1, 2));
        withNull.add(null);
        List<Object> withLong = new ArrayList<>(List.of(1, 2L));
        WireIn in = roundTrip(withNull, withLong, new ArrayList<>());
        assertEquals(withNull, PoolValues.read(in));
        List<?> longBack = (List<?>) PoolValues.read(in);
        assertEquals(withLong, longBack);
        assertEquals(Long.class, longBack.get(1).getClass());
        assertEquals(List.of(), PoolValues.read(in));

        // a count that does not fit the bytes left, or is negative
        byte[] message = Arrays.copyOf(out.array(), out.length());
        message[1] = 9;
        assertThrows(CorruptedException.class, () -> PoolValues.read(new WireIn("test", message)));
        message[4] = (byte) 0x80;
        assertThrows(CorruptedException.class, () -> PoolValues.read(new WireIn("test", message)));
    }

    @Test
    void listsLongerThanASliceComeBackWholeWhateverTheirLength() throws Exception {
        int slice = PoolValues.SLICE;
        for (int size : new int[] {1, slice - 1, slice, slice + 1, 2 * slice + 3}) {
            List<Integer> ints = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                ints.add(i * 7919 - 5000);
            }
            WireOut out = new WireOut();
            PoolValues.write(out, ints);
            assertEquals(1 + 4 + 4 * size, out.length(), "int form for " + size);
            assertEquals(ints, PoolValues.read(new WireIn("test", Arrays.copyOf(out.array(), out.length()))));

            // one Long in the last slice: the general form, every element kept with its type
            List<Object> mixed = new ArrayList<>(ints);
            mixed.set(size - 1, (long) size);
            List<?> back = (List<?>) PoolValues.read(roundTrip(mixed));
            assertEquals(mixed, back);
            assertEquals(Long.class, back.get(size - 1).getClass());
        }
    }

    @Test
    void aListThatHoldsItselfFallsBackToJavaSerialisation() throws Exception {
        List<Object> cyclic = new ArrayList<>();
        cyclic.add("x");
        cyclic.add(cyclic);
        @SuppressWarnings("unchecked")
        List<Object> back = (List<Object>) PoolValues.read(roundTrip(cyclic));
        assertEquals("x", back.get(0));
        assertTrue(back.get(1) instanceof List<?>);
    }

    @Test
    void aValueThatCannotBeWrittenThrowsAndOneThatCannotBeReadFailsAloneAndIsSkipped() throws Exception {
        WireOut out = new WireOut();
        assertThrows(NotSerializableException.class, () -> PoolValues.write(out, new Object()));

        WireIn in = roundTrip(1, new ArrayList<>(List.of(2, new Unreadable(), 3)), new Unreadable(), "after");
        assertEquals(1, PoolValues.read(in));
        UnreadableValueException inList = assertThrows(UnreadableValueException.class, () -> PoolValues.read(in));
        assertTrue(inList.getMessage().contains("cannot be read here"), inList.getMessage());
        assertThrows(UnreadableValueException.class, () -> PoolValues.read(in));
        assertEquals("after", PoolValues.read(in), "the values after an unreadable one are still read");
    }

    @Test
    void corruptMessagesAreRefusedWithoutReadingOutOfBounds() throws Exception {
        assertInstanceOf(CorruptedException.class, assertThrows(CorruptedException.class,
                () -> PoolValues.read(new WireIn("test", new byte[] {99}))));
        // a string that claims more bytes than there are
        WireOut out = new WireOut();
        PoolValues.write(out, "abc");
        byte[] message = Arrays.copyOf(out.array(), out.length());
        message[1] = 100;
        CorruptedException e = assertThrows(CorruptedException.class, () -> PoolValues.read(new WireIn("test", message)));
        assertTrue(e.getMessage().contains("test"), e.getMessage());
        // a list that claims more elements than bytes
        WireOut list = new WireOut();
        PoolValues.write(list, new ArrayList<>(List.of("one")));
        byte[] listMessage = Arrays.copyOf(list.array(), list.length());
        listMessage[1] = 127;
        assertThrows(CorruptedException.class, () -> PoolValues.read(new WireIn("test", listMessage)));
        // cut short
        assertThrows(CorruptedException.class, () -> PoolValues.read(new WireIn("test", Arrays.copyOf(message, 3))));
    }
}
