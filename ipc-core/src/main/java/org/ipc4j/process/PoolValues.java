package org.ipc4j.process;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Arguments and results in pool messages. The common types (null, Integer, Long, Double, Boolean, String,
 * byte[], and ArrayList / Object[] of values, as map chunks are; an ArrayList of Integers alone, the usual
 * map chunk, as a count and the ints) are written in a compact binary form;
 * anything else with Java serialisation, each value on its own, so that one value that cannot be read
 * fails only its task.
 */
final class PoolValues {
    private static final int NULL = 0;
    private static final int INT = 1;
    private static final int LONG = 2;
    private static final int DOUBLE = 3;
    private static final int STRING = 4;
    private static final int BYTES = 5;
    private static final int TRUE = 6;
    private static final int FALSE = 7;
    private static final int LIST = 8;
    private static final int ARRAY = 9;
    private static final int SERIALIZED = 10;
    private static final int INT_LIST = 11;
    /**
     * Long loops over elements run in slices of this many, each slice a call: a method is compiled after
     * about a hundred calls, while a single long loop stays interpreted until on-stack replacement, tens of
     * thousands of rounds later, which is all of a fresh pool's first map.
     */
    static final int SLICE = 64;
    /** Lists nested deeper (or holding themselves) are left to Java serialisation. */
    private static final int MAX_NESTING = 16;

    private PoolValues() {
    }

    /** A value that arrived but cannot be deserialised here; its bytes were consumed. */
    static final class UnreadableValueException extends Exception {
        private static final long serialVersionUID = 1L;

        UnreadableValueException(Throwable cause) {
            super(cause.toString(), cause);
        }
    }

    /**
     * Appends {@code value}. When it cannot be serialised this throws (IOException, or whatever its own
     * serialisation throws) and the caller truncates {@code out} back to where the value began.
     */
    static void write(WireOut out, Object value) throws IOException {
        write(out, value, 0);
    }

    private static void write(WireOut out, Object value, int nesting) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (value instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (value instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            out.writeByte(STRING);
            out.writeInt(utf8.length);
            out.write(utf8, 0, utf8.length);
        } else if (value instanceof byte[] b) {
            out.writeByte(BYTES);
            out.writeInt(b.length);
            out.write(b, 0, b.length);
        } else if (value.getClass() == ArrayList.class && nesting < MAX_NESTING) {
            List<?> list = (List<?>) value;
            if (allIntegers(list)) {
                writeIntList(out, list);
                return;
            }
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element, nesting + 1);
            }
        } else if (value.getClass() == Object[].class && nesting < MAX_NESTING) {
            Object[] array = (Object[]) value;
            out.writeByte(ARRAY);
            out.writeInt(array.length);
            for (Object element : array) {
                write(out, element, nesting + 1);
            }
        } else {
            writeSerialized(out, value);
        }
    }

    private static boolean allIntegers(List<?> list) {
        int size = list.size();
        if (size == 0) {
            return false;
        }
        for (int from = 0; from < size; from += SLICE) {
            if (!allIntegers(list, from, Math.min(size, from + SLICE))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allIntegers(List<?> list, int from, int to) {
        for (int i = from; i < to; i++) {
            Object element = list.get(i);
            if (element == null || element.getClass() != Integer.class) {
                return false;
            }
        }
        return true;
    }

    /** {@code integers} is an ArrayList of Integers only. */
    private static void writeIntList(WireOut out, List<?> integers) {
        int count = integers.size();
        out.writeByte(INT_LIST);
        out.writeInt(count);
        int at = out.reserve(count);
        for (int from = 0; from < count; from += SLICE) {
            putInts(out, at + 4 * from, integers, from, Math.min(count, from + SLICE));
        }
        out.skip(4 * count);
    }

    private static void putInts(WireOut out, int at, List<?> integers, int from, int to) {
        for (int i = from; i < to; i++) {
            out.putInt(at, (Integer) integers.get(i));
            at += 4;
        }
    }

    /** Java serialisation, straight into the message: tag, length, bytes. */
    static void writeSerialized(WireOut out, Object value) throws IOException {
        out.writeByte(SERIALIZED);
        int lengthAt = out.length();
        out.writeInt(0);
        try (ObjectOutputStream stream = new ObjectOutputStream(out)) {
            stream.writeObject(value);
        }
        out.putInt(lengthAt, out.length() - lengthAt - 4);
    }

    /** A value serialised beforehand. */
    static void writeSerializedBytes(WireOut out, byte[] serialised) {
        out.writeByte(SERIALIZED);
        out.writeInt(serialised.length);
        out.write(serialised, 0, serialised.length);
    }

    /** Reads a value; a corrupt message throws {@link org.ipc4j.errors.CorruptedException}. */
    static Object read(WireIn in) throws UnreadableValueException {
        return read(in, 0);
    }

    private static Object read(WireIn in, int nesting) throws UnreadableValueException {
        int tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case DOUBLE:
                return Double.longBitsToDouble(in.readLong());
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case STRING: {
                int length = in.readLength();
                String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
                in.skip(length);
                return s;
            }
            case BYTES: {
                int length = in.readLength();
                byte[] b = new byte[length];
                System.arraycopy(in.array(), in.position(), b, 0, length);
                in.skip(length);
                return b;
            }
            case LIST:
            case ARRAY:
                return readElements(in, tag, nesting);
            case INT_LIST:
                return readIntList(in);
            case SERIALIZED:
                return readSerialized(in);
            default:
                throw in.corrupt("unknown value tag " + tag);
        }
    }

    private static Object readElements(WireIn in, int tag, int nesting) throws UnreadableValueException {
        if (nesting >= MAX_NESTING) {
            throw in.corrupt("lists nested more than " + MAX_NESTING + " deep");
        }
        int count = in.readInt();
        // every element takes at least its tag byte
        if (count < 0 || count > in.array().length - in.position()) {
            throw in.corrupt("a list of " + count + " elements");
        }
        Object[] elements = new Object[count];
        UnreadableValueException first = null;
        for (int i = 0; i < count; i++) {
            try {
                elements[i] = read(in, nesting + 1);
            } catch (UnreadableValueException e) {
                // read the rest all the same: the message goes on after this value
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
        // one bulk copy, not a loop that would stay interpreted through a fresh pool's first map
        return tag == ARRAY ? elements : new ArrayList<>(Arrays.asList(elements));
    }

    private static List<Integer> readIntList(WireIn in) {
        int count = in.readInt();
        if (count < 0 || count > (in.array().length - in.position()) / 4) {
            throw in.corrupt("a list of " + count + " ints");
        }
        List<Integer> list = new ArrayList<>(count);
        for (int from = 0; from < count; from += SLICE) {
            readInts(in, list, Math.min(SLICE, count - from));
        }
        return list;
    }

    private static void readInts(WireIn in, List<Integer> list, int count) {
        for (int i = 0; i < count; i++) {
            list.add(in.readInt());
        }
    }

    private static Object readSerialized(WireIn in) throws UnreadableValueException {
        int length = in.readLength();
        int at = in.position();
        in.skip(length);
        try (ObjectInputStream stream = new ObjectInputStream(new ByteArrayInputStream(in.array(), at, length))) {
            return stream.readObject();
        } catch (IOException | ClassNotFoundException | RuntimeException | LinkageError e) {
            throw new UnreadableValueException(e);
        }
    }
}
