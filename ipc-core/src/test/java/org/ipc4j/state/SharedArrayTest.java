package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SharedArrayTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static long pattern(int i) {
        return i * 0x9E3779B97F4A7C15L;
    }

    /** Child: "write name n" creates arrays of every type holding the pattern; "read name" checks them and prints "ok". */
    public static final class PatternWriterReader {
        public static void main(String[] args) {
            String name = args[1];
            if (args[0].equals("write")) {
                int n = Integer.parseInt(args[2]);
                long[] longs = new long[n];
                double[] doubles = new double[n];
                byte[] bytes = new byte[n];
                try (SharedIntArray ints = SharedIntArray.create(name + "-i", n)) {
                    for (int i = 0; i < n; i++) {
                        longs[i] = pattern(i);
                        doubles[i] = i / 3.0;
                        bytes[i] = (byte) (i * 7);
                        ints.set(i, (int) pattern(i));
                    }
                }
                SharedLongArray.create(name + "-l", longs).close();
                SharedDoubleArray.create(name + "-d", doubles).close();
                SharedByteArray.create(name + "-b", bytes).close();
                System.out.println("written");
            } else {
                try (SharedIntArray ints = SharedIntArray.open(name + "-i");
                     SharedLongArray longs = SharedLongArray.open(name + "-l");
                     SharedDoubleArray doubles = SharedDoubleArray.open(name + "-d");
                     SharedByteArray bytes = SharedByteArray.open(name + "-b")) {
                    long[] allLongs = longs.toArray();
                    double[] allDoubles = doubles.toArray();
                    byte[] allBytes = bytes.toArray();
                    for (int i = 0; i < ints.length(); i++) {
                        if (ints.get(i) != (int) pattern(i) || allLongs[i] != pattern(i) || longs.get(i) != pattern(i)
                                || allDoubles[i] != i / 3.0 || doubles.get(i) != i / 3.0
                                || allBytes[i] != (byte) (i * 7) || bytes.get(i) != (byte) (i * 7)) {
                            throw new AssertionError("element " + i + " differs");
                        }
                    }
                    System.out.println("ok " + ints.length());
                }
            }
        }
    }

    /** Child: opens the int array handle args[0] and adds 1 to every element args[1] times, each by a CAS loop. */
    public static final class CasIncrementer {
        public static void main(String[] args) {
            try (SharedIntArray counts = Handles.decode(args[0]); SharedBoolean go = Handles.decode(args[2])) {
                int rounds = Integer.parseInt(args[1]);
                System.out.println("ready");
                while (!go.get()) {
                    Thread.onSpinWait();
                }
                long failedCas = 0;
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < counts.length(); i++) {
                        int seen = counts.get(i);
                        while (!counts.compareAndSet(i, seen, seen + 1)) {
                            failedCas++;
                            seen = counts.get(i);
                        }
                    }
                }
                System.out.println("done, failed CAS " + failedCas);
            }
        }
    }

    @Test
    void oneJvmWritesAPatternAnotherReadsIt() {
        String n = "5000";
        try {
            ChildJvm.start(PatternWriterReader.class, "write", "pattern", n).assertSuccess(TIMEOUT);
            ChildJvm reader = ChildJvm.start(PatternWriterReader.class, "read", "pattern");
            reader.assertSuccess(TIMEOUT);
            assertTrue(reader.lines().contains("ok " + n), reader.output());
        } finally {
            for (String suffix : new String[] {"-i", "-l", "-d", "-b"}) {
                SharedDirExtension.dir().resolve("pattern" + suffix).toFile().delete();
            }
        }
    }

    @Test
    void perElementCasFromThreeJvmsLosesNoUpdate() {
        int rounds = 20_000;
        int length = 8;
        try (SharedIntArray counts = SharedIntArray.create(length); SharedBoolean go = SharedBoolean.create(false)) {
            List<ChildJvm> children = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) {
                    children.add(ChildJvm.start(CasIncrementer.class, Handles.encode(counts), Integer.toString(rounds), Handles.encode(go)));
                }
                children.forEach(c -> c.awaitLine("ready"::equals, TIMEOUT));
                go.set(true);
                for (ChildJvm child : children) {
                    child.assertSuccess(TIMEOUT);
                }
            } finally {
                children.forEach(ChildJvm::close);
                counts.unlink();
                go.unlink();
            }
            int[] expected = new int[length];
            java.util.Arrays.fill(expected, 3 * rounds);
            assertArrayEquals(expected, counts.toArray());
            System.out.println("CAS contention: " + children.stream().map(ChildJvm::output).toList());
        }
    }

    @Test
    void elementOperations() {
        try (SharedLongArray longs = SharedLongArray.create(3); SharedIntArray ints = SharedIntArray.create(3);
             SharedDoubleArray doubles = SharedDoubleArray.create(3)) {
            assertEquals(3, longs.length());
            assertEquals(0, longs.getAndAdd(1, 5));
            assertEquals(6, longs.incrementAndGet(1));
            assertEquals(5, longs.decrementAndGet(1));
            assertEquals(7, longs.addAndGet(1, 2));
            assertTrue(longs.compareAndSet(1, 7, 8));
            assertFalse(longs.compareAndSet(1, 7, 9));
            assertEquals(8, longs.getAndSet(1, 1));
            assertEquals(1, longs.getAndUpdate(1, v -> v + 10));
            assertEquals(22, longs.updateAndGet(1, v -> v * 2));
            longs.setRelease(2, 3);
            assertEquals(3, longs.getAcquire(2));
            longs.setOpaque(2, 4);
            assertEquals(4, longs.getOpaque(2));
            longs.setPlain(0, -1);
            assertEquals(-1, longs.getPlain(0));
            assertArrayEquals(new long[] {-1, 22, 4}, longs.toArray());

            assertEquals(1, ints.incrementAndGet(0));
            assertEquals(1, ints.getAndAdd(0, 2));
            assertEquals(2, ints.decrementAndGet(0));
            assertEquals(12, ints.updateAndGet(2, v -> v + 12));
            ints.copyFrom(new int[] {9, 8, 7, 6}, 1, 1, 2);
            assertArrayEquals(new int[] {2, 8, 7}, ints.toArray());

            assertEquals(0.0, doubles.getAndAdd(0, 0.5));
            assertEquals(1.0, doubles.addAndGet(0, 0.5));
            assertTrue(doubles.compareAndSet(0, 1.0, 2.0));
            assertFalse(doubles.compareAndSet(1, -0.0, 2.0), "compares bits");
            doubles.copyFrom(new double[] {7.5, 8.5});
            double[] out = new double[4];
            doubles.copyTo(0, out, 1, 3);
            assertArrayEquals(new double[] {0, 7.5, 8.5, 0}, out);
            longs.unlink();
            ints.unlink();
            doubles.unlink();
        }
    }

    @Test
    void byteArraysCopyAndView() {
        try (SharedByteArray bytes = SharedByteArray.create("bytes", new byte[] {1, 2, 3})) {
            bytes.set(2, (byte) 9);
            assertEquals(9, bytes.buffer().get(2));
            bytes.buffer().put(0, (byte) 4);
            assertArrayEquals(new byte[] {4, 2, 9}, bytes.toArray());
            assertEquals(3, bytes.buffer().limit());
            bytes.unlink();
        }
    }

    @Test
    void indexErrorsNameTheIndexAndLength() {
        try (SharedLongArray longs = SharedLongArray.create("bounds", 4); SharedByteArray bytes = SharedByteArray.create(2)) {
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> longs.get(4));
            assertTrue(e.getMessage().contains("'bounds'") && e.getMessage().contains("index 4")
                    && e.getMessage().contains("length 4"), e.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> longs.set(-1, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.incrementAndGet(Integer.MIN_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.copyFrom(new long[5]));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.copyFrom(new long[2], 0, 3, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.copyFrom(new long[2], 1, 0, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> longs.copyTo(0, new long[2], 0, -1));
            assertThrows(IndexOutOfBoundsException.class, () -> bytes.get(2));
            assertThrows(IndexOutOfBoundsException.class, () -> bytes.copyTo(1, new byte[8], 0, 2));
            longs.unlink();
            bytes.unlink();
        }
    }

    @Test
    void badSizesAndTypesAreTyped() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> SharedIntArray.create("neg", -1));
        assertTrue(negative.getMessage().contains("'neg'") && negative.getMessage().contains("-1"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedLongArray.create(Integer.MAX_VALUE));
        try (SharedIntArray empty = SharedIntArray.create("empty", 0)) {
            assertEquals(0, empty.toArray().length);
            TypeMismatchException mismatch = assertThrows(TypeMismatchException.class, () -> SharedLongArray.open("empty"));
            assertTrue(mismatch.getMessage().contains("'empty'"), mismatch.getMessage());
            empty.unlink();
        }
    }

    @Test
    void aStoredLengthThatDoesNotFitTheRegionIsCorruption() {
        try (SharedLongArray array = SharedLongArray.create("liar", 4)) {
            Region raw = Region.open("liar", ObjectType.ARRAY_LONG);
            for (long lie : new long[] {5, -1, Long.MAX_VALUE, 3}) {
                raw.bytes().putLong(raw.bodyOffset() + ArrayDescriptor.LENGTH_OFFSET, lie);
                CorruptedException e = assertThrows(CorruptedException.class, () -> SharedLongArray.open("liar"));
                assertTrue(e.getMessage().contains("'liar'") && e.getMessage().contains("length"), e.getMessage());
            }
            raw.bytes().putLong(raw.bodyOffset() + ArrayDescriptor.LENGTH_OFFSET, 4);
            raw.bytes().putInt(raw.bodyOffset() + ArrayDescriptor.ELEMENT_SIZE_OFFSET, 4);
            CorruptedException e = assertThrows(CorruptedException.class, () -> SharedLongArray.open("liar"));
            assertTrue(e.getMessage().contains("element size 4"), e.getMessage());
            raw.close();
            array.unlink();
        }
    }
}
