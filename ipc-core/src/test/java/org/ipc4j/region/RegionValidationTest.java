package org.ipc4j.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.IncompatibleVersionException;
import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.RegionIOException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@ExtendWith(SharedDirExtension.class)
class RegionValidationTest {

    @AfterEach
    void removeEverything() throws Exception {
        try (var files = Files.list(SharedDirExtension.dir())) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Files.delete(p);
            }
        }
    }

    private static Region newRegion(String name) {
        return Region.create(name, ObjectType.RAW, 64, bytes -> { });
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "", "a/b", ".", "..", "sp ace", "new\nline", "é"})
    void badNamesAreRefusedWithTheNameInTheMessage(String name) {
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> newRegion(name));
        if (!name.isEmpty()) {
            assertTrue(e.getMessage().contains("'" + name + "'"), e.getMessage());
        } else {
            assertTrue(e.getMessage().contains("empty"), e.getMessage());
        }
        assertThrows(InvalidNameException.class, () -> Region.open(name, ObjectType.RAW));
    }

    @Test
    void nameLengthLimitIs200() {
        String ok = "n".repeat(200);
        newRegion(ok).unlink();
        InvalidNameException e = assertThrows(InvalidNameException.class, () -> newRegion("n".repeat(201)));
        assertTrue(e.getMessage().contains("201 characters"), e.getMessage());
    }

    @Test
    void anonymousNamesAreValidAndDistinct() {
        String a = RegionNames.anonymous();
        String b = RegionNames.anonymous();
        assertEquals(a, RegionNames.validate(a));
        assertTrue(!a.equals(b) && a.length() >= 32);
    }

    @Test
    void createOfAnExistingNameFails() {
        newRegion("taken");
        ObjectExistsException e = assertThrows(ObjectExistsException.class, () -> newRegion("taken"));
        assertTrue(e.getMessage().contains("'taken' already exists"), e.getMessage());
    }

    @Test
    void openOfAMissingNameFails() {
        ObjectNotFoundException e = assertThrows(ObjectNotFoundException.class, () -> Region.open("missing", ObjectType.RAW));
        assertTrue(e.getMessage().contains("'missing'"), e.getMessage());
    }

    @Test
    void openOrCreateCreatesThenOpens() {
        try (Region first = Region.openOrCreate("either", ObjectType.RAW, 64, b -> b.putLong(RegionHeaderDescriptor.HEADER_LENGTH, 42));
             Region second = Region.openOrCreate("either", ObjectType.RAW, 64, b -> b.putLong(RegionHeaderDescriptor.HEADER_LENGTH, 7))) {
            assertEquals(42, second.bytes().getLong(second.bodyOffset()));
            first.bytes().putLong(first.bodyOffset(), 43);
            assertEquals(43, second.bytes().getLong(second.bodyOffset()), "both map the same memory");
        }
    }

    @Test
    void wrongMagicIsCorruption() throws Exception {
        newRegion("bad-magic");
        patchLong("bad-magic", RegionHeaderDescriptor.MAGIC_OFFSET, 0x1234L);
        CorruptedException e = assertThrows(CorruptedException.class, () -> Region.open("bad-magic", ObjectType.RAW));
        assertTrue(e.getMessage().contains("'bad-magic'") && e.getMessage().contains("magic"), e.getMessage());
    }

    @Test
    void wrongMajorVersionIsRefused() throws Exception {
        newRegion("future");
        patchInt("future", RegionHeaderDescriptor.VERSION_OFFSET, (RegionHeaderDescriptor.MAJOR_VERSION + 1) << 16);
        IncompatibleVersionException e = assertThrows(IncompatibleVersionException.class, () -> Region.open("future", ObjectType.RAW));
        assertTrue(e.getMessage().contains("'future'"), e.getMessage());
    }

    @Test
    void newerMinorVersionStillOpens() throws Exception {
        newRegion("minor");
        patchInt("minor", RegionHeaderDescriptor.VERSION_OFFSET, (RegionHeaderDescriptor.MAJOR_VERSION << 16) | 9);
        Region.open("minor", ObjectType.RAW).close();
    }

    @Test
    void wrongTypeIsRefused() {
        Region.create("a-lock", ObjectType.LOCK, 64, b -> { });
        TypeMismatchException e = assertThrows(TypeMismatchException.class, () -> Region.open("a-lock", ObjectType.QUEUE));
        assertTrue(e.getMessage().contains("'a-lock' is a LOCK, not a QUEUE"), e.getMessage());
    }

    @Test
    void lengthThatDisagreesWithTheFileIsCorruption() throws Exception {
        newRegion("long-header");
        patchLong("long-header", RegionHeaderDescriptor.TOTAL_LENGTH_OFFSET, 1L << 40);
        assertThrows(CorruptedException.class, () -> Region.open("long-header", ObjectType.RAW));
    }

    @Test
    void fileTruncatedBelowTheHeaderIsCorruption() throws Exception {
        newRegion("short");
        try (FileChannel ch = FileChannel.open(SharedDirExtension.dir().resolve("short"), StandardOpenOption.WRITE)) {
            ch.truncate(10);
        }
        String previous = System.setProperty(Region.OPEN_TIMEOUT_PROPERTY, "200");
        try {
            CorruptedException e = assertThrows(CorruptedException.class, () -> Region.open("short", ObjectType.RAW));
            assertTrue(e.getMessage().contains("'short' is truncated: 10 bytes"), e.getMessage());
        } finally {
            restore(previous);
        }
    }

    @Test
    void fileTruncatedBelowItsLengthIsCorruption() throws Exception {
        newRegion("shorter");
        try (FileChannel ch = FileChannel.open(SharedDirExtension.dir().resolve("shorter"), StandardOpenOption.WRITE)) {
            ch.truncate(RegionHeaderDescriptor.HEADER_LENGTH + 8);
        }
        assertThrows(CorruptedException.class, () -> Region.open("shorter", ObjectType.RAW));
    }

    @Test
    void aFileNoOneInitialisesTimesOut() throws Exception {
        Files.write(SharedDirExtension.dir().resolve("zeros"), new byte[256]);
        String previous = System.setProperty(Region.OPEN_TIMEOUT_PROPERTY, "200");
        try {
            long start = System.nanoTime();
            NotInitialisedException e = assertThrows(NotInitialisedException.class, () -> Region.open("zeros", ObjectType.RAW));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 190 && millis < 2_000, "waited " + millis + " ms");
            assertTrue(e.getMessage().contains("'zeros'"), e.getMessage());
        } finally {
            restore(previous);
        }
    }

    @Test
    void garbageInitialisedWordIsCorruption() throws Exception {
        newRegion("garbage-init");
        patchInt("garbage-init", RegionHeaderDescriptor.INITIALISED_OFFSET, 0x55);
        assertThrows(CorruptedException.class, () -> Region.open("garbage-init", ObjectType.RAW));
    }

    @Test
    void symbolicLinksAreNeverFollowed() throws Exception {
        Path target = Files.createTempFile("ipc4j-link-target", ".bin");
        try {
            Files.createSymbolicLink(SharedDirExtension.dir().resolve("planted"), target);
            ObjectExistsException created = assertThrows(ObjectExistsException.class, () -> newRegion("planted"));
            assertTrue(created.getMessage().contains("symbolic link"), created.getMessage());
            RegionIOException opened = assertThrows(RegionIOException.class, () -> Region.open("planted", ObjectType.RAW));
            assertTrue(opened.getMessage().contains("'planted'"), opened.getMessage());
            assertEquals(0, Files.size(target), "the link target was not touched");
        } finally {
            Files.delete(target);
        }
    }

    @Test
    void regionIsMappedWholeAndAlignedForAtomics() {
        try (Region region = Region.create("atomics", ObjectType.RAW, 4096, b -> { })) {
            assertEquals(RegionHeaderDescriptor.HEADER_LENGTH + 4096, region.bytes().capacity());
            assertTrue(region.bytes().compareAndSetLong(region.bodyOffset(), 0, 5));
            assertEquals(5, region.bytes().getAndAddLong(region.bodyOffset(), 1));
            assertEquals(6, region.bytes().getLongVolatile(region.bodyOffset()));
        }
    }

    @Test
    void everyErrorIsAnIpc4jException() {
        assertTrue(Ipc4jException.class.isAssignableFrom(CorruptedException.class));
        assertThrows(Ipc4jException.class, () -> Region.open("nope", ObjectType.RAW));
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty(Region.OPEN_TIMEOUT_PROPERTY);
        } else {
            System.setProperty(Region.OPEN_TIMEOUT_PROPERTY, previous);
        }
    }

    private static void patchLong(String name, int offset, long value) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(SharedDirExtension.dir().resolve(name).toFile(), "rw")) {
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.nativeOrder()).putLong(0, value);
            file.getChannel().write(b, offset);
        }
    }

    private static void patchInt(String name, int offset, int value) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(SharedDirExtension.dir().resolve(name).toFile(), "rw")) {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.nativeOrder()).putInt(0, value);
            file.getChannel().write(b, offset);
        }
    }
}
