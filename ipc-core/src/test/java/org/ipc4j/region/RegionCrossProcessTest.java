package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class RegionCrossProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: creates region args[0] and writes args[1] into its body, or with "read" prints the body. */
    public static final class WriterReader {
        public static void main(String[] args) {
            if (args[0].equals("write")) {
                byte[] text = args[2].getBytes(StandardCharsets.UTF_8);
                try (Region region = Region.create(args[1], ObjectType.RAW, 256, bytes -> {
                    bytes.putInt(RegionHeaderDescriptor.HEADER_LENGTH, text.length);
                    bytes.putBytes(RegionHeaderDescriptor.HEADER_LENGTH + 4, text, 0, text.length);
                })) {
                    System.out.println("written");
                }
            } else {
                try (Region region = Region.open(args[1], ObjectType.RAW)) {
                    int length = region.bytes().getInt(region.bodyOffset());
                    byte[] text = new byte[length];
                    region.bytes().getBytes(region.bodyOffset() + 4, text, 0, length);
                    System.out.println("read:" + new String(text, StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Child: races to create args[0]; prints "won" or "exists". */
    public static final class Racer {
        public static void main(String[] args) throws Exception {
            long startAt = Long.parseLong(args[1]);
            while (System.currentTimeMillis() < startAt) {
                Thread.onSpinWait();
            }
            try {
                Region.create(args[0], ObjectType.RAW, 64, bytes -> { }).close();
                System.out.println("won");
            } catch (ObjectExistsException e) {
                System.out.println("exists: " + e.getMessage());
            }
        }
    }

    /** Child: creates args[0] and hangs inside the initialiser, so the region is never published. */
    public static final class DiesBeforeInitialised {
        public static void main(String[] args) throws Exception {
            Region.create(args[0], ObjectType.RAW, 64, bytes -> {
                System.out.println("initialising");
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    @Test
    void aSecondJvmReadsWhatTheFirstWrote() throws Exception {
        ChildJvm.start(WriterReader.class, "write", "shared-text", "hello from another JVM").assertSuccess(TIMEOUT);
        ChildJvm reader = ChildJvm.start(WriterReader.class, "read", "shared-text");
        reader.assertSuccess(TIMEOUT);
        assertTrue(reader.lines().contains("read:hello from another JVM"), reader.output());

        try (Region region = Region.open("shared-text", ObjectType.RAW)) {
            byte[] text = new byte[region.bytes().getInt(region.bodyOffset())];
            region.bytes().getBytes(region.bodyOffset() + 4, text, 0, text.length);
            assertArrayEquals("hello from another JVM".getBytes(StandardCharsets.UTF_8), text);
            region.unlink();
        }
    }

    @Test
    void exactlyOneOfTwoRacingJvmsCreatesTheName() {
        for (int round = 0; round < 3; round++) {
            String name = "race-" + round;
            String startAt = Long.toString(System.currentTimeMillis() + 1_500);
            List<ChildJvm> racers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                racers.add(ChildJvm.start(Racer.class, name, startAt));
            }
            int won = 0;
            int exists = 0;
            for (ChildJvm racer : racers) {
                racer.assertSuccess(TIMEOUT);
                won += racer.lines().contains("won") ? 1 : 0;
                exists += racer.lines().stream().anyMatch(l -> l.startsWith("exists: '" + name + "' already exists")) ? 1 : 0;
            }
            assertEquals(1, won, "winners in round " + round);
            assertEquals(1, exists, "losers told 'already exists' in round " + round);
            Region.open(name, ObjectType.RAW).unlink();
        }
    }

    @Test
    void createdFilesHaveMode0600EvenUnderUmask000() throws Exception {
        ChildJvm child = ChildJvm.builder(WriterReader.class).umask("000").args("write", "mode-check", "x").start();
        child.assertSuccess(TIMEOUT);
        var path = SharedDirExtension.dir().resolve("mode-check");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        Files.delete(path);
    }

    @Test
    void openFailsPromptlyWhenTheCreatorDiedBeforeInitialising() {
        try (ChildJvm creator = ChildJvm.start(DiesBeforeInitialised.class, "half-made")) {
            creator.awaitLine("initialising"::equals, TIMEOUT);
            creator.kill9();
            long start = System.nanoTime();
            NotInitialisedException e = assertThrows(NotInitialisedException.class, () -> Region.open("half-made", ObjectType.RAW));
            assertTrue(e.getMessage().contains("'half-made'") && e.getMessage().contains("pid " + creator.pid()), e.getMessage());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 1_500, "a dead creator is detected without the full wait");
        } finally {
            SharedDirExtension.dir().resolve("half-made").toFile().delete();
        }
    }
}
