package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessTableDescriptor;
import org.ipc4j.ring.RingOptions;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A closed and unlinked object gives its tmpfs pages back at once, without a GC: in a 64 MiB tmpfs mounted
 * over the test's directory (root only; skipped with a message elsewhere), 10,000 channels of 1 MiB are
 * created, used, unlinked and closed one after the other, and the file mappings do not pile up.
 */
@ExtendWith(SharedDirExtension.class)
class MemoryBackAtCloseTest {
    private static final long MIB = 1 << 20;
    private static boolean mounted;

    @BeforeAll
    static void mountSmallTmpfs() throws Exception {
        Path dir = SharedDirExtension.dir();
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64m,mode=0700", "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(mount.getInputStream().readAllBytes()).trim();
        mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a 64 MiB tmpfs here (needs root): " + output);
    }

    @AfterAll
    static void unmount() throws Exception {
        if (mounted) {
            // lazy: a failed run may still map files of it; the tmpfs goes once they are unmapped
            assertEquals(0, new ProcessBuilder("umount", "-l", SharedDirExtension.dir().toString()).start().waitFor());
        }
    }

    @Test
    void tenThousandChannelsOf1MiBComeAndGoThroughA64MiBTmpfs() throws Exception {
        Assumptions.assumeTrue(!Os.mappings().name().equals("until-collected"), "no eager release of mappings on this platform");
        long mappingsBefore = mappingCount();
        for (int i = 0; i < 10_000; i++) {
            if (i % 2 == 0) {
                try (SharedQueue<byte[]> queue = SharedQueue.create("q" + i, RingOptions.ofCapacity((int) MIB - 4096), Codecs.bytes())) {
                    queue.put(new byte[] {(byte) i});
                    assertArrayEquals(new byte[] {(byte) i}, queue.take());
                    queue.unlink();
                }
            } else {
                Pipe pipe = Pipe.open(true, RingOptions.ofCapacity((int) (MIB / 2)));
                pipe.first().sendBytes(new byte[] {(byte) i});
                assertArrayEquals(new byte[] {(byte) i}, pipe.second().recvBytes());
                pipe.first().close();
                pipe.second().close();
            }
        }
        assertEquals(List.of(), list(SharedDirExtension.dir()), "every channel is gone");
        long fileMappings = fileMappings(SharedDirExtension.dir());
        long grown = mappingCount() - mappingsBefore;
        System.out.printf("after 10,000 channels of 1 MiB in a 64 MiB tmpfs: %d file mappings into it, mapping count grew by %d%n",
                fileMappings, grown);
        assertEquals(0, fileMappings, "no mapping of a closed channel still holds its file");
        assertTrue(grown < 10_000, "the mapping count grew by " + grown + " for 10,000 channels");
    }

    /** Child: opens region args[0], reads it, closes it, says so, and stays alive until killed. */
    public static final class OpenCloseAndLinger {
        public static void main(String[] args) throws Exception {
            Region region = Region.open(args[0], ObjectType.RAW);
            long sum = region.bytes().getLong(RegionHeaderDescriptor.HEADER_LENGTH);
            region.close();
            System.out.println("closed " + sum);
            Thread.sleep(60_000);
        }
    }

    @Test
    void theLastCloserOfAnUnlinkedObjectFreesItsPagesWhileAnotherProcessStillMapsItClosed() throws Exception {
        Assumptions.assumeTrue(!Os.mappings().name().equals("until-collected"), "no eager release of mappings on this platform");
        int size = 40 << 20;
        Region first = Region.create("big", ObjectType.RAW, size, memory -> memory.putLong(RegionHeaderDescriptor.HEADER_LENGTH, 5));
        try (org.ipc4j.testkit.ChildJvm child = org.ipc4j.testkit.ChildJvm.start(OpenCloseAndLinger.class, "big")) {
            child.awaitLine("closed 5"::equals, java.time.Duration.ofSeconds(30));
            first.unlink();
            first.close();
            // 40 MiB again in the 64 MiB tmpfs at once: neither this JVM's mapping nor the child's holds the old pages
            Region second = Region.create("big-again", ObjectType.RAW, size, memory -> { });
            second.unlink();
            second.close();
            child.kill9();
        }
    }

    @Test
    void aCallOnAClosedObjectThrowsAndAnAccessUnderWayReadsZerosInsteadOfCrashing() throws Exception {
        Pipe pipe = Pipe.open(true, RingOptions.ofCapacity(1 << 16));
        Connection end = pipe.first();
        end.sendBytes(new byte[] {1, 2, 3});
        pipe.second().close();
        end.close();
        assertThrows(ObjectClosedException.class, () -> end.sendBytes(new byte[] {4}));
        Region region = Region.create("closed-region", ObjectType.RAW, 4096, memory -> memory.putLong(RegionHeaderDescriptor.HEADER_LENGTH, 42));
        long address = region.bytes().address();
        assertEquals(42, region.bytes().getLong(RegionHeaderDescriptor.HEADER_LENGTH));
        region.unlink();
        region.close();
        // what a thread that passed the closed check before the close would do now: no fault, no shared effect
        assertEquals(0, region.bytes().getLong(RegionHeaderDescriptor.HEADER_LENGTH));
        region.bytes().putLong(RegionHeaderDescriptor.HEADER_LENGTH, 7);
        assertEquals(address, region.bytes().address());
    }

    private static List<String> list(Path dir) throws IOException {
        return SharedDirExtension.objectFiles(dir);
    }

    private static long mappingCount() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).size();
    }

    private static long fileMappings(Path dir) throws IOException {
        // the directory's process table stays mapped for the JVM's life (ProcessTable): not a channel's file
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(line -> line.contains(dir.toString()) && !line.endsWith("/" + ProcessTableDescriptor.FILE_NAME))
                .count();
    }
}
