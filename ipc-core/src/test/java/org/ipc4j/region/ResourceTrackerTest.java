package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.ipc4j.testkit.ChildJvm;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(SharedDirExtension.class)
class ResourceTrackerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Child: creates an anonymous region and the named ones in args, prints the anonymous name, waits. */
    public static final class Creator {
        public static void main(String[] args) throws Exception {
            String anonymous = RegionNames.anonymous();
            Region.create(anonymous, ObjectType.RAW, 64, b -> { });
            for (String name : args) {
                Region.create(name, ObjectType.RAW, 64, b -> { });
            }
            System.out.println("anonymous=" + anonymous);
            Thread.sleep(120_000);
        }
    }

    /** Child: opens args[0] and holds it. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Region.open(args[0], ObjectType.RAW);
            System.out.println("attached");
            Thread.sleep(120_000);
        }
    }

    /** Child: touches the directory once (any region use starts the sweep), then waits for it. */
    public static final class Toucher {
        public static void main(String[] args) throws Exception {
            try (Region region = Region.create("toucher", ObjectType.RAW, 64, b -> { })) {
                region.unlink();
            }
            Thread.sleep(1_000);
            System.out.println("done");
        }
    }

    private static String startCreator(ChildJvm creator) {
        return creator.awaitLineStartingWith("anonymous=", TIMEOUT).substring("anonymous=".length());
    }

    @Test
    void abandonedObjectsAreRemovedAndLiveOnesKept() throws Exception {
        Path dir = SharedDirExtension.dir();
        ChildJvm creator = ChildJvm.start(Creator.class, "named-left-behind");
        String anonymous = startCreator(creator);
        List<RegionInfo> listed = ResourceTracker.list(dir);
        assertEquals(2, listed.size(), listed.toString());
        RegionInfo info = listed.stream().filter(RegionInfo::anonymous).findFirst().orElseThrow();
        assertTrue(info.creatorAlive() && info.attached() && info.initialised() && info.validMagic());
        assertEquals(creator.pid(), info.creatorPid());
        assertEquals(ObjectType.RAW, info.type());

        assertEquals(List.of(), ResourceTracker.collectGarbage(dir), "nothing is removed while its creator lives");
        creator.kill9();
        assertEquals(List.of(anonymous), ResourceTracker.sweepAnonymous(dir), "the sweep takes anonymous objects only");
        assertTrue(Files.exists(dir.resolve("named-left-behind")));
        assertEquals(List.of("named-left-behind"), ResourceTracker.collectGarbage(dir), "gc takes named ones too");
        assertEquals(List.of(), ResourceTracker.list(dir));
    }

    @Test
    void anObjectAttachedByALiveProcessIsNeverRemoved() throws Exception {
        Path dir = SharedDirExtension.dir();
        ChildJvm creator = ChildJvm.start(Creator.class);
        String anonymous = startCreator(creator);
        ChildJvm holder = ChildJvm.start(Holder.class, anonymous);
        holder.awaitLine("attached"::equals, TIMEOUT);
        creator.kill9();
        RegionInfo info = ResourceTracker.inspect(dir.resolve(anonymous)).orElseThrow();
        assertFalse(info.creatorAlive());
        assertTrue(info.attached(), "the holder's lock shows");
        assertEquals(List.of(), ResourceTracker.sweepAnonymous(dir), "still used by the holder");
        assertTrue(Files.exists(dir.resolve(anonymous)));
        holder.kill9();
        assertEquals(List.of(anonymous), ResourceTracker.sweepAnonymous(dir), "the kernel dropped the dead holder's lock");
    }

    @Test
    void thisJvmsOwnAttachmentsCountAsInUse() throws Exception {
        Path dir = SharedDirExtension.dir();
        ChildJvm creator = ChildJvm.start(Creator.class);
        String anonymous = startCreator(creator);
        try (Region mine = Region.open(anonymous, ObjectType.RAW)) {
            creator.kill9();
            assertEquals(List.of(), ResourceTracker.sweepAnonymous(dir));
            assertTrue(ResourceTracker.inspect(dir.resolve(anonymous)).orElseThrow().attached());
            // the sweep's look at the file must not have dropped this JVM's lock
            assertEquals(List.of(), ResourceTracker.sweepAnonymous(dir));
        }
        assertEquals(List.of(anonymous), ResourceTracker.sweepAnonymous(dir), "closed: nobody uses it any more");
    }

    @Test
    void aFileStillBeingCreatedIsNotJudgedUntilItIsOld() throws Exception {
        Path dir = SharedDirExtension.dir();
        Path fresh = dir.resolve(RegionNames.anonymous());
        Files.write(fresh, new byte[4096]);
        RegionInfo info = ResourceTracker.inspect(fresh).orElseThrow();
        assertTrue(info.settling() && !info.abandoned(), "a zero header may be a creator at work: " + info);
        assertEquals(List.of(), ResourceTracker.sweepAnonymous(dir));
        Files.setLastModifiedTime(fresh, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        assertEquals(List.of(fresh.getFileName().toString()), ResourceTracker.sweepAnonymous(dir), "an old half-made file goes");
    }

    @Test
    void aDirectoryThatPassedIsCheckedAgainOnceItIsReplaced() throws Exception {
        Path dir = SharedDirExtension.dir().resolve("replaced");
        java.nio.file.attribute.FileAttribute<?> open = java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        Files.createDirectory(dir, open);
        try {
            RegionDirectory.ensurePrivate(dir);
            RegionDirectory.ensurePrivate(dir);
            // removed and made again (another inode) with an open mode: the earlier pass no longer counts
            Files.delete(dir);
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
            org.ipc4j.errors.RegionIOException replaced = org.junit.jupiter.api.Assertions.assertThrows(
                    org.ipc4j.errors.RegionIOException.class, () -> RegionDirectory.ensurePrivate(dir));
            assertTrue(replaced.getMessage().contains("rwxrwxrwx"), replaced.getMessage());
        } finally {
            Files.deleteIfExists(dir);
        }
    }

    @Test
    void theDefaultDirectoryMustBePrivate() throws Exception {
        Path dir = Files.createTempDirectory(SharedDirExtension.dir(), "private");
        Path link = SharedDirExtension.dir().resolve("link-to-private");
        try {
            RegionDirectory.checkPrivate(dir);
            Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            org.ipc4j.errors.RegionIOException open = org.junit.jupiter.api.Assertions.assertThrows(
                    org.ipc4j.errors.RegionIOException.class, () -> RegionDirectory.checkPrivate(dir));
            assertTrue(open.getMessage().contains("rwxr-xr-x"), open.getMessage());
            Files.createSymbolicLink(link, dir);
            org.ipc4j.errors.RegionIOException linked = org.junit.jupiter.api.Assertions.assertThrows(
                    org.ipc4j.errors.RegionIOException.class, () -> RegionDirectory.checkPrivate(link));
            assertTrue(linked.getMessage().contains("not a directory"), linked.getMessage());
        } finally {
            Files.deleteIfExists(link);
            Files.delete(dir);
        }
    }

    @Test
    void theNextJvmToStartSweepsAbandonedAnonymousObjects() throws Exception {
        Path dir = SharedDirExtension.dir();
        ChildJvm creator = ChildJvm.start(Creator.class);
        String anonymous = startCreator(creator);
        creator.kill9();
        assertTrue(Files.exists(dir.resolve(anonymous)));
        ChildJvm.start(Toucher.class).assertSuccess(TIMEOUT);
        assertFalse(Files.exists(dir.resolve(anonymous)), "swept by the next ipc4j JVM");
    }
}
