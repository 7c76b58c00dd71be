package org.ipc4j.region;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.RegionIOException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.Mappings;
import org.ipc4j.os.Os;

/**
 * Which processes use a region file, told by the kernel: every process that has a region open holds a shared
 * lock on its whole file, which the kernel drops when the process dies, however it dies. A cleaner that gets
 * an exclusive lock therefore knows no live process has the file attached (the bug Python's resource tracker
 * has: it unlinks segments still in use).
 *
 * <p>POSIX record locks belong to the process and closing any descriptor of the file drops all of them, so a
 * JVM keeps exactly one channel per file (keyed by device and inode) for as long as any region on it is open.
 *
 * <p>The same lock tells when a file's pages can go back at once (see {@link Mappings}): when the last region
 * of a process on an unlinked file closes, or a closed region's file is unlinked, and no other process has it
 * attached, the pages are punched out and this process's mappings detached, without waiting for a GC.
 */
final class Attachments {
    private static final Map<Object, Attachment> OPEN = new HashMap<>();
    private static final int LOCK_ATTEMPTS = 200;

    private Attachments() {
    }

    /** One process's use of one file: the channel every mapping comes from and the shared lock. */
    static final class Attachment {
        private final Object fileKey;
        private final Path path;
        private final FileChannel channel;
        private final FileLock lock;
        /** The mappings of this file that regions of this process closed (kept until collected, or freed). */
        private final List<MappedBytes> closed = new ArrayList<>();
        private int users = 1;

        private Attachment(Object fileKey, Path path, FileChannel channel, FileLock lock) {
            this.fileKey = fileKey;
            this.path = path;
            this.channel = channel;
            this.lock = lock;
        }

        FileChannel channel() {
            return channel;
        }

        /**
         * Drops one user; the last one releases the lock and closes the channel, under the registry's monitor
         * so that no thread of this JVM attaches the same file in between (its new lock would be dropped by
         * this close, or would collide with this lock in the JVM's lock table).
         */
        void release(MappedBytes mapping) {
            synchronized (OPEN) {
                if (mapping != null) {
                    closed.add(mapping);
                }
                if (--users > 0) {
                    return;
                }
                OPEN.remove(fileKey);
                try {
                    lock.release();
                    if (!isLinked(path, fileKey)) {
                        freeIfUnused(channel, closed);
                    }
                    channel.close();
                } catch (IOException ignored) {
                    // the kernel releases both when the process ends
                } finally {
                    closed.clear();
                }
            }
        }
    }

    /** Registers a channel this process just created the file with, taking the shared lock. */
    static Attachment attachCreated(Path path, FileChannel channel, String name) throws IOException {
        synchronized (OPEN) {
            Object key = fileKey(path, name);
            Attachment attachment = new Attachment(key, path, channel, lockShared(channel, name));
            OPEN.put(key, attachment);
            return attachment;
        }
    }

    /**
     * Attaches to an existing file, reusing this process's channel if it already has one. Runs under the
     * registry's monitor: a second channel opened and closed on a file this JVM has locked would drop that lock.
     */
    static Attachment attachExisting(Path path, String name) throws IOException {
        synchronized (OPEN) {
            Object key = fileKey(path, name);
            Attachment existing = OPEN.get(key);
            if (existing != null) {
                existing.users++;
                return existing;
            }
            FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            try {
                FileLock lock = lockShared(channel, name);
                if (!key.equals(fileKey(path, name))) {
                    throw new ObjectNotFoundException("'" + name + "' was removed while being opened");
                }
                Attachment attachment = new Attachment(key, path, channel, lock);
                OPEN.put(key, attachment);
                return attachment;
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        }
    }

    /**
     * Removes {@code path} if no live process has it attached, deciding and unlinking under an exclusive lock
     * so that nobody can attach in between. Returns whether it was removed.
     */
    static boolean removeIfUnused(Path path) throws IOException {
        synchronized (OPEN) {
            if (isAttachedHere(path)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
                if (lock == null) {
                    return false;
                }
                try {
                    freePages(channel, List.of());
                    return Files.deleteIfExists(path);
                } finally {
                    lock.release();
                }
            } catch (NoSuchFileException gone) {
                return false;
            }
        }
    }

    /**
     * Removes {@code path} for a region of this process that is already closed ({@code closedMapping} is its
     * mapping): if no process has the file attached, its pages are freed too, as the last closer would have.
     */
    static void unlinkClosed(Path path, MappedBytes closedMapping) throws IOException {
        synchronized (OPEN) {
            if (isAttachedHere(path)) {
                Files.deleteIfExists(path);
                return;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
                try {
                    if (lock != null) {
                        freePages(channel, List.of(closedMapping));
                    }
                    Files.deleteIfExists(path);
                } finally {
                    if (lock != null) {
                        lock.release();
                    }
                }
            } catch (NoSuchFileException gone) {
                // removed meanwhile: whoever removed it freed what it could
            }
        }
    }

    /** True if {@code path} still names the file {@code fileKey} names. */
    private static boolean isLinked(Path path, Object fileKey) throws IOException {
        try {
            return fileKey.equals(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** Frees the file's pages if no process has it attached (an exclusive lock says so), under the registry's monitor. */
    private static void freeIfUnused(FileChannel channel, List<MappedBytes> mappings) throws IOException {
        FileLock exclusive = channel.tryLock(0, Long.MAX_VALUE, false);
        if (exclusive == null) {
            return; // another process still has it: the last one frees the pages
        }
        try {
            freePages(channel, mappings);
        } finally {
            exclusive.release();
        }
    }

    /**
     * Frees the pages of a file nobody has attached (the caller holds the exclusive lock): punched out through
     * one of this process's mappings (or one made for it), and this process's mappings detached from the file,
     * so that neither the pages nor the inode wait for a GC. Processes that closed it earlier may still map it;
     * they read zeros.
     */
    private static void freePages(FileChannel channel, List<MappedBytes> mappings) throws IOException {
        Mappings os = Os.mappings();
        if (os == Mappings.UNTIL_COLLECTED) {
            return;
        }
        long size = channel.size();
        if (size <= 0 || size > Integer.MAX_VALUE) {
            return;
        }
        MappedBytes through = mappings.isEmpty() ? new MappedBytes(channel.map(FileChannel.MapMode.READ_WRITE, 0, size)) : mappings.get(0);
        os.free(through.address(), Math.min(size, through.capacity()));
        os.release(through.address(), through.capacity());
        for (MappedBytes mapping : mappings) {
            if (mapping != through) {
                os.release(mapping.address(), mapping.capacity());
            }
        }
    }

    /** True if some live process (this one included) has {@code path} attached. */
    static boolean isAttached(Path path) throws IOException {
        synchronized (OPEN) {
            if (isAttachedHere(path)) {
                return true;
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                FileLock lock = channel.tryLock(0, Long.MAX_VALUE, false);
                if (lock == null) {
                    return true;
                }
                lock.release();
                return false;
            } catch (NoSuchFileException gone) {
                return false;
            }
        }
    }

    /**
     * Reads up to {@code dst.remaining()} bytes from the start of the file, through this process's own channel
     * if it has the file attached (closing another descriptor would drop its lock). Returns the file size.
     */
    static long readStart(Path path, java.nio.ByteBuffer dst) throws IOException {
        synchronized (OPEN) {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            Attachment mine = OPEN.get(key);
            if (mine != null) {
                mine.channel.read(dst, 0);
                return mine.channel.size();
            }
            try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                channel.read(dst, 0);
                return channel.size();
            }
        }
    }

    private static boolean isAttachedHere(Path path) throws IOException {
        try {
            return OPEN.containsKey(Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey());
        } catch (NoSuchFileException gone) {
            return false;
        }
    }

    /** Shared lock; a cleaner holds the exclusive one only for an instant, so retry briefly. */
    private static FileLock lockShared(FileChannel channel, String name) throws IOException {
        for (int attempt = 0; attempt < LOCK_ATTEMPTS; attempt++) {
            final FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (OverlappingFileLockException e) {
                throw new RegionIOException("'" + name + "' is already locked by this JVM through another channel", e);
            }
            if (lock != null) {
                return lock;
            }
            LockSupport.parkNanos(1_000_000);
        }
        throw new RegionIOException("'" + name + "' stays locked exclusively (is a cleaner stuck?)");
    }

    private static Object fileKey(Path path, String name) throws IOException {
        try {
            Object key = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            return key != null ? key : path.toAbsolutePath();
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no object named '" + name + "' in " + path.getParent());
        }
    }
}
