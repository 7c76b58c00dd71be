package org.ipc4j.process;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessId;

/**
 * How a child JVM ended, where its exit status cannot tell. The JDK reports death by signal N as 128 + N,
 * which is also the status of {@code System.exit(128 + N)} and of the JVM's own shutdown on SIGTERM, SIGINT
 * or SIGHUP. So the parent creates an empty record per child before it starts it, and the child's shutdown
 * hook writes into it either {@code exit} (the JVM is ending through {@code System.exit} or the end of its
 * target: the status is the code given) or {@code signal N} (the JVM's handler of signal N started the
 * shutdown). No record, as after SIGKILL, a crash or {@code Runtime.halt}, and a status above 128 means a
 * signal. A child killed while its shutdown hooks run has written {@code exit} already and reports 128 + N.
 *
 * <p>Records are files in {@code java.io.tmpdir/ipc4j-exits-<user>} (used only if it is this user's, mode 0700,
 * and not a link), not in the shared-memory directory,
 * named {@code <parent pid>-<parent start time>-<n>}. The parent deletes a record once it has read it, and
 * deletes those of dead parents the first time it starts a child. A child writes only into a record that
 * exists, so an orphan whose record was swept leaves nothing behind.
 */
final class ExitRecords {
    private static final String EXIT = "exit";
    private static final String SIGNAL = "signal ";
    /** The signals on which the JVM runs its shutdown hooks and exits with 128 + N; the numbers are Linux's. */
    private static final Map<String, Integer> SHUTDOWN_SIGNALS = Map.of("SIGHUP", 1, "SIGINT", 2, "SIGTERM", 15);
    private static final String HANDLER_THREAD_SUFFIX = " handler";
    private static final int MAX_SIGNAL = 64;
    private static final int MAX_RECORD_LENGTH = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private static final AtomicLong COUNTER = new AtomicLong();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private ExitRecords() {
    }

    // ---- the parent's side

    /** A new, empty record for a child about to start, or null where none can be made (then statuses are read alone). */
    static Path create() {
        Path directory = directory();
        if (directory == null) {
            return null;
        }
        if (SWEPT.compareAndSet(false, true)) {
            sweepDeadParents(directory);
        }
        ProcessId me = Os.currentProcess();
        Path record = directory.resolve(me.pid() + "-" + me.startTime() + "-" + COUNTER.incrementAndGet());
        try {
            return Files.createFile(record);
        } catch (IOException e) {
            return null;
        }
    }

    /** Python's exit code of a child that ended with JDK exit value {@code status}; reads and deletes its record. */
    static int exitCode(int status, Path record) {
        String ending = record == null ? "" : readAndDelete(record);
        if (ending.equals(EXIT)) {
            return status;
        }
        if (ending.startsWith(SIGNAL)) {
            // a signal that arrived while an exit was under way leaves that exit's status: the status decides
            int signal = parseSignal(ending.substring(SIGNAL.length()));
            if (signal > 0 && status == 128 + signal) {
                return -signal;
            }
            return status;
        }
        return status > 128 && status <= 128 + MAX_SIGNAL ? -(status - 128) : status;
    }

    /** Deletes a record that no child will write (its start failed). */
    static void discard(Path record) {
        if (record != null) {
            deleteQuietly(record);
        }
    }

    private static String readAndDelete(Path record) {
        try (SeekableByteChannel channel = Files.newByteChannel(record, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            ByteBuffer text = ByteBuffer.allocate(MAX_RECORD_LENGTH);
            while (text.hasRemaining() && channel.read(text) > 0) {
                // a record is a few bytes: read at most what one can hold
            }
            return new String(text.array(), 0, text.position(), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        } finally {
            deleteQuietly(record);
        }
    }

    private static int parseSignal(String text) {
        try {
            int signal = Integer.parseInt(text);
            return signal > 0 && signal <= MAX_SIGNAL ? signal : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The records' directory, made 0700 if missing; null unless it is a real directory (not a link) owned by this
     * user: another user's directory in a shared {@code /tmp} could feed a parent false endings or point a
     * child's write elsewhere. One of ours with a wider mode is narrowed to 0700.
     */
    private static Path directory() {
        String user = System.getProperty("user.name");
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "ipc4j-exits-" + user);
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            }
            PosixFileAttributes attributes = Files.readAttributes(directory, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isDirectory() || !attributes.owner().getName().equals(user)) {
                return null;
            }
            if (!attributes.permissions().equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(directory, OWNER_ONLY);
            }
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        return directory;
    }

    private static void sweepDeadParents(Path directory) {
        try (DirectoryStream<Path> records = Files.newDirectoryStream(directory)) {
            for (Path record : records) {
                String[] parts = record.getFileName().toString().split("-");
                if (parts.length == 3 && !parentAlive(parts[0], parts[1])) {
                    deleteQuietly(record);
                }
            }
        } catch (IOException e) {
            // another process swept it, or it is unreadable: nothing to clean
        }
    }

    private static boolean parentAlive(String pid, String startTime) {
        try {
            return Os.liveness().isAlive(Long.parseLong(pid), Long.parseLong(startTime));
        } catch (NumberFormatException e) {
            return true; // not a record of ours: leave it
        }
    }

    private static void deleteQuietly(Path record) {
        try {
            Files.deleteIfExists(record);
        } catch (IOException e) {
            // left for the sweep of a later parent
        }
    }

    // ---- the child's side

    /** Makes this JVM write how it ends into {@code record} (the path its parent created; empty for none). */
    static void recordEnding(String record) {
        if (record.isEmpty()) {
            return;
        }
        Path path = Path.of(record);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> write(path, ending()), "ipc4j-exit-record"));
    }

    /**
     * {@code signal N} if the JVM's handler of a shutdown signal started this shutdown, else {@code exit}. The JDK
     * runs each signal's handler in a new thread named after the signal ("SIGTERM handler"), and that thread
     * waits in the shutdown until the hooks are done.
     */
    private static String ending() {
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.endsWith(HANDLER_THREAD_SUFFIX)) {
                Integer signal = SHUTDOWN_SIGNALS.get(name.substring(0, name.length() - HANDLER_THREAD_SUFFIX.length()));
                if (signal != null) {
                    return SIGNAL + signal;
                }
            }
        }
        return EXIT;
    }

    private static void write(Path record, String ending) {
        try {
            Files.write(record, ending.getBytes(StandardCharsets.US_ASCII), StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException swept) {
            // the parent died and its records were swept: nobody will read this one
        } catch (IOException e) {
            // the parent then reads the status alone
        }
    }
}
