package org.ipc4j.region;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;

/**
 * Finds and removes what crashed processes left behind, Python's resource_tracker without its bug: a file
 * is removed only when its creator is dead and no live process has it attached (the kernel-released locks
 * of {@link Attachments}), so nothing in use is ever removed.
 *
 * <p>Anonymous objects are swept automatically: the first region a JVM creates or opens starts one
 * background sweep of the directory. Named objects persist until {@code unlink()} or {@code ipc4j rm/gc}.
 */
public final class ResourceTracker {
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ResourceTracker() {
    }

    /** Reads the header of {@code file}; empty if it vanished meanwhile. */
    public static Optional<RegionInfo> inspect(Path file) throws IOException {
        String name = file.getFileName().toString();
        ByteBuffer header = ByteBuffer.allocate(RegionHeaderDescriptor.HEADER_LENGTH).order(ByteOrder.nativeOrder());
        long size;
        boolean attached;
        boolean young;
        try {
            size = Attachments.readStart(file, header);
            attached = Attachments.isAttached(file);
            young = System.currentTimeMillis() - Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toMillis()
                    < Math.max(10_000, 5 * Region.openTimeoutMillis());
        } catch (NoSuchFileException gone) {
            return Optional.empty();
        }
        boolean complete = header.position() == RegionHeaderDescriptor.HEADER_LENGTH;
        long magic = complete ? header.getLong(RegionHeaderDescriptor.MAGIC_OFFSET) : 0;
        int code = complete ? header.getInt(RegionHeaderDescriptor.TYPE_OFFSET) : 0;
        boolean initialised = complete && header.getInt(RegionHeaderDescriptor.INITIALISED_OFFSET) == RegionHeaderDescriptor.INITIALISED;
        long pid = complete ? header.getLong(RegionHeaderDescriptor.CREATOR_PID_OFFSET) : 0;
        long creator = complete ? header.getLong(RegionHeaderDescriptor.CREATOR_IDENTITY_OFFSET) : 0;
        // a file being created has a zero header for a moment: count it as alive until the open timeout passes
        boolean creatorAlive = creator != ProcessIdentity.NONE && ProcessTable.of(file.getParent()).isAlive(creator);
        return Optional.of(new RegionInfo(name, initialised ? ObjectType.ofCode(code) : null, code, size,
                complete ? header.getLong(RegionHeaderDescriptor.TOTAL_LENGTH_OFFSET) : 0, pid, creator, creatorAlive,
                complete ? header.getLong(RegionHeaderDescriptor.CREATED_MILLIS_OFFSET) : 0, initialised,
                magic == RegionHeaderDescriptor.MAGIC, attached, !initialised && young));
    }

    /** Every region file in {@code dir}, sorted by name. */
    public static List<RegionInfo> list(Path dir) throws IOException {
        List<RegionInfo> infos = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return infos;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                        && !ProcessTable.isTableFile(file.getFileName().toString())) {
                    inspect(file).ifPresent(infos::add);
                }
            }
        }
        infos.sort((a, b) -> a.name().compareTo(b.name()));
        return infos;
    }

    /**
     * Removes {@code file} if it is abandoned (creator dead, no live process attached); the attachment check
     * and the unlink happen under an exclusive lock, so a process attaching meanwhile keeps it.
     */
    public static boolean removeIfAbandoned(Path file) throws IOException {
        Optional<RegionInfo> info = inspect(file);
        return info.isPresent() && !info.get().creatorAlive() && !info.get().settling() && Attachments.removeIfUnused(file);
    }

    /** Removes every abandoned object in {@code dir}: what {@code ipc4j gc} does. Returns the names removed. */
    public static List<String> collectGarbage(Path dir) throws IOException {
        return sweep(dir, false);
    }

    /** Removes abandoned anonymous objects in {@code dir}. Returns the names removed. */
    public static List<String> sweepAnonymous(Path dir) throws IOException {
        return sweep(dir, true);
    }

    /** Starts, once per JVM, a background sweep of anonymous objects in the current directory. */
    static void sweepOnceInBackground() {
        if (!SWEPT.compareAndSet(false, true) || Boolean.getBoolean("ipc4j.noSweep")) {
            return;
        }
        Path dir = RegionDirectory.configured();
        Thread sweeper = new Thread(() -> {
            try {
                sweepAnonymous(dir);
            } catch (IOException | RuntimeException ignored) {
                // best effort: the next JVM sweeps again
            }
        }, "ipc4j-resource-sweep");
        sweeper.setDaemon(true);
        sweeper.start();
    }

    private static List<String> sweep(Path dir, boolean anonymousOnly) throws IOException {
        List<String> removed = new ArrayList<>();
        for (RegionInfo info : list(dir)) {
            if ((!anonymousOnly || info.anonymous()) && info.abandoned() && removeIfAbandoned(dir.resolve(info.name()))) {
                removed.add(info.name());
            }
        }
        return removed;
    }
}
