package org.ipc4j.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

import org.agrona.concurrent.UnsafeBuffer;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class SharedMemoryTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /** Child: attaches the block args[0], checks the text the parent wrote, adds 1 to the long at 64 100,000 times. */
    public static final class Attacher {
        public static void main(String[] args) {
            try (SharedMemory block = Handles.decode(args[0])) {
                byte[] text = new byte[5];
                block.buffer().get(0, text);
                System.out.println("text " + new String(text, java.nio.charset.StandardCharsets.US_ASCII) + " size " + block.size());
                for (int i = 0; i < 100_000; i++) {
                    block.memory().getAndAddLong(64, 1);
                }
            }
        }
    }

    /** Child run with --add-exports: wraps the block in Agrona's UnsafeBuffer, as SharedMemory's Javadoc suggests. */
    public static final class AgronaWrapper {
        public static void main(String[] args) {
            try (SharedMemory block = SharedMemory.open(args[0])) {
                UnsafeBuffer atomic = new UnsafeBuffer(block.buffer());
                for (int i = 0; i < 1_000; i++) {
                    atomic.getAndAddLong(0, 1);
                }
                System.out.println("capacity " + atomic.capacity());
            }
        }
    }

    @Test
    void twoJvmsShareTheBytesAndAtomicView() {
        try (SharedMemory block = SharedMemory.create(4096)) {
            block.buffer().put(0, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            try (ChildJvm child = ChildJvm.start(Attacher.class, Handles.encode(block))) {
                for (int i = 0; i < 100_000; i++) {
                    block.memory().getAndAddLong(64, 1);
                }
                child.assertSuccess(TIMEOUT);
                assertTrue(child.lines().contains("text hello size 4096"), child.output());
            } finally {
                block.unlink();
            }
            assertEquals(200_000, block.memory().getLongVolatile(64));
            assertEquals(200_000, block.buffer().getLong(64), "buffer() is in native order, like memory()");
        }
    }

    @Test
    void agronaUnsafeBufferCanWrapTheBlockWhenTheJvmAllowsIt() {
        try (SharedMemory block = SharedMemory.create("agrona", 64)) {
            try (ChildJvm child = ChildJvm.builder(AgronaWrapper.class)
                    .jvmArgs("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED").args("agrona").start()) {
                child.assertSuccess(TIMEOUT);
                assertTrue(child.lines().contains("capacity 64"), child.output());
            } finally {
                block.unlink();
            }
            assertEquals(1_000, block.memory().getLongVolatile(0));
        }
    }

    @Test
    void viewsStartAtZeroAndAreAligned() {
        try (SharedMemory block = SharedMemory.openOrCreate("views", 100); SharedMemory same = SharedMemory.openOrCreate("views", 5)) {
            assertEquals(100, same.size(), "an existing block keeps its size");
            ByteBuffer view = block.buffer();
            assertEquals(ByteOrder.nativeOrder(), view.order());
            assertEquals(100, view.limit());
            MappedBytes atomic = same.memory();
            assertEquals(0, atomic.address() % 128, "128-byte aligned");
            atomic.putIntRelease(96, 7);
            assertEquals(7, view.getInt(96));
            assertThrows(IndexOutOfBoundsException.class, () -> view.get(100));
            block.unlink();
        }
    }

    @Test
    void badSizesAreRefused() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> SharedMemory.create("zero", 0));
        assertTrue(zero.getMessage().contains("'zero'") && zero.getMessage().contains("positive"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(-5));
        assertThrows(IllegalArgumentException.class, () -> SharedMemory.create(Integer.MAX_VALUE));
    }
}
