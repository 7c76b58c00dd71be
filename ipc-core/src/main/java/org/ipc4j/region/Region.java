package org.ipc4j.region;

import static org.ipc4j.region.RegionHeaderDescriptor.BODY_LENGTH_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.CREATED_MILLIS_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.CREATOR_PID_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.CREATOR_IDENTITY_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.HEADER_LENGTH;
import static org.ipc4j.region.RegionHeaderDescriptor.INITIALISED;
import static org.ipc4j.region.RegionHeaderDescriptor.INITIALISED_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.LAYOUT_VERSION;
import static org.ipc4j.region.RegionHeaderDescriptor.MAGIC;
import static org.ipc4j.region.RegionHeaderDescriptor.MAGIC_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.MAJOR_VERSION;
import static org.ipc4j.region.RegionHeaderDescriptor.TOTAL_LENGTH_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.TYPE_OFFSET;
import static org.ipc4j.region.RegionHeaderDescriptor.VERSION_OFFSET;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Function;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.IncompatibleVersionException;
import org.ipc4j.errors.NotInitialisedException;
import org.ipc4j.errors.ObjectExistsException;
import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.errors.RegionIOException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;
import org.ipc4j.wait.WaitStrategies;

/**
 * A named, memory-mapped file holding one shared object: the header of {@link RegionHeaderDescriptor},
 * then the object's body from offset {@link RegionHeaderDescriptor#HEADER_LENGTH}.
 *
 * <p>While a process has a region open it holds a shared lock on the file (see {@link Attachments}), so
 * cleaners can tell a file in use from one whose users all died.
 *
 * <p>{@link #close()} drops this process's use of the mapping. Java 17 has no safe eager unmap (an unmap would
 * turn a racing access from another thread into a JVM crash), so the buffer stays mapped until collected, but
 * once every process has closed (or died) and one has unlinked, the tmpfs pages are freed at once and the
 * mappings detached from the file ({@link Attachments}, {@link org.ipc4j.os.Mappings}): no GC is waited for.
 * A call on a closed object throws {@link org.ipc4j.errors.ObjectClosedException}; an access already under
 * way when the pages go reads zeros, never faults.
 */
public final class Region implements AutoCloseable {
    /** How long {@link #open} waits for a creator to finish initialising; {@code -Dipc4j.openTimeoutMillis}. */
    public static final String OPEN_TIMEOUT_PROPERTY = "ipc4j.openTimeoutMillis";
    private static final long DEFAULT_OPEN_TIMEOUT_MILLIS = 2_000;
    /** How often {@link #awaitCreated} looks without being told. */
    private static final long OPEN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final int ZERO_CHUNK = 1 << 16;
    /**
     * The zeros {@link #reserve} writes: one direct buffer for the process, never written to. A direct buffer
     * per call would be freed only by a GC (message blocks create regions at a high rate).
     */
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(ZERO_CHUNK).asReadOnlyBuffer();
    /** CREATE_NEW is O_CREAT|O_EXCL, which also refuses a symbolic link planted at the name. */
    private static final Set<OpenOption> CREATE_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private final String name;
    private final Path path;
    private final ObjectType type;
    private final MappedBytes bytes;
    private final Attachments.Attachment attachment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ProcessTable processes;

    private Region(String name, Path path, ObjectType type, MappedBytes bytes, Attachments.Attachment attachment) {
        this.processes = ProcessTable.of(path.getParent());
        this.name = name;
        this.path = path;
        this.type = type;
        this.bytes = bytes;
        this.attachment = attachment;
    }

    /**
     * Creates the region exclusively: mode 0600 whatever the umask, never through a symbolic link, with all
     * its memory reserved now (a full /dev/shm fails here, not with SIGBUS later). {@code initialiser} writes
     * the body before the region is published as initialised.
     */
    public static Region create(String name, ObjectType type, long bodyLength, Consumer<MappedBytes> initialiser) {
        RegionNames.validate(name);
        if (bodyLength < 0) {
            throw new IllegalArgumentException("'" + name + "': negative body length " + bodyLength);
        }
        long total = HEADER_LENGTH + bodyLength;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + name + "': " + total + " bytes is more than one region can map (2 GiB)");
        }
        Path path = RegionDirectory.current().resolve(name);
        ResourceTracker.sweepOnceInBackground();
        final FileChannel channel;
        try {
            channel = FileChannel.open(path, CREATE_OPTIONS, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            throw new ObjectExistsException("'" + name + "' already exists in " + path.getParent()
                    + (Files.isSymbolicLink(path) ? " (as a symbolic link, which ipc4j never follows)" : ""));
        } catch (IOException e) {
            throw new RegionIOException("cannot create '" + name + "' at " + path + ": " + e, e);
        }
        boolean published = false;
        Attachments.Attachment attachment = null;
        try {
            // umask can only take bits away from 0600; set it explicitly anyway so the mode is exactly 0600
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            // attach before the slow reserve: a cleaner must see the file in use while its header is still zeros
            attachment = Attachments.attachCreated(path, channel, name);
            reserve(channel, total, name);
            MappedBytes bytes = new MappedBytes(channel.map(FileChannel.MapMode.READ_WRITE, 0, total));
            long me = ProcessTable.of(path.getParent()).self();
            bytes.putLong(CREATOR_PID_OFFSET, ProcessIdentity.pid(me));
            bytes.putLong(CREATOR_IDENTITY_OFFSET, me);
            bytes.putLong(CREATED_MILLIS_OFFSET, System.currentTimeMillis());
            initialiser.accept(bytes);
            bytes.putLong(MAGIC_OFFSET, MAGIC);
            bytes.putInt(VERSION_OFFSET, LAYOUT_VERSION);
            bytes.putInt(TYPE_OFFSET, type.code());
            bytes.putLong(TOTAL_LENGTH_OFFSET, total);
            bytes.putInt(BODY_LENGTH_OFFSET, (int) bodyLength);
            // release: an opener that reads INITIALISED with acquire sees the header and body written above
            bytes.putIntRelease(INITIALISED_OFFSET, INITIALISED);
            published = true;
            return new Region(name, path, type, bytes, attachment);
        } catch (IOException e) {
            throw new RegionIOException("cannot create '" + name + "' at " + path + ": " + e, e);
        } finally {
            if (!published) {
                deleteQuietly(path);
                if (attachment != null) {
                    attachment.release(null);
                } else {
                    closeQuietly(channel);
                }
            }
        }
    }

    /** Attaches to an existing region of type {@code expected}, validating its header. */
    public static Region open(String name, ObjectType expected) {
        RegionNames.validate(name);
        Path path = RegionDirectory.current().resolve(name);
        ResourceTracker.sweepOnceInBackground();
        if (Files.isSymbolicLink(path)) {
            throw new RegionIOException("'" + name + "' at " + path + " is a symbolic link; ipc4j never follows links");
        }
        Attachments.Attachment attachment = null;
        try {
            attachment = Attachments.attachExisting(path, name);
            FileChannel channel = attachment.channel();
            long size = awaitInitialised(name, path, channel);
            if (size > Integer.MAX_VALUE) {
                throw new CorruptedException("'" + name + "' is " + size + " bytes, more than a region can be (2 GiB)");
            }
            MappedBytes bytes = new MappedBytes(channel.map(FileChannel.MapMode.READ_WRITE, 0, size));
            validateHeader(name, bytes, size, expected);
            Region region = new Region(name, path, expected, bytes, attachment);
            attachment = null;
            return region;
        } catch (NoSuchFileException e) {
            throw new ObjectNotFoundException("no object named '" + name + "' in " + path.getParent());
        } catch (IOException e) {
            throw new RegionIOException("cannot open '" + name + "' at " + path + ": " + e, e);
        } finally {
            if (attachment != null) {
                attachment.release(null);
            }
        }
    }

    /**
     * Waits at most {@code timeout} until an object named {@code name} exists (another process created it), for
     * the {@code open(name, timeout)} of each type: Python's callers loop on {@code FileNotFoundError} instead.
     * {@link ObjectNotFoundException} if none appeared in time. The caller sleeps until something is created in
     * the directory (inotify), and looks again at least every 100 ms. The open that follows waits for the
     * creator to finish initialising, as every open does.
     */
    public static void awaitCreated(String name, Duration timeout) throws InterruptedException {
        RegionNames.validate(name);
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("'" + name + "': a negative timeout to wait for it: " + timeout);
        }
        Path directory = RegionDirectory.current();
        Path path = directory.resolve(name);
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        long deadline = WaitStrategies.deadline(timeout);
        try (CreationWatch watch = CreationWatch.of(directory)) {
            // watched before this look: a creation right after it wakes the wait below
            while (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ObjectNotFoundException("no object named '" + name + "' in " + directory + ": none was created within "
                            + timeout.toMillis() + " ms");
                }
                watch.awaitCreation(Math.min(left, OPEN_RECHECK_NANOS));
            }
        }
    }

    /** Opens {@code name} if it exists, else creates it; safe against a concurrent creator or unlinker. */
    public static Region openOrCreate(String name, ObjectType type, long bodyLength, Consumer<MappedBytes> initialiser) {
        for (int attempt = 0; ; attempt++) {
            try {
                return create(name, type, bodyLength, initialiser);
            } catch (ObjectExistsException exists) {
                try {
                    return open(name, type);
                } catch (ObjectNotFoundException unlinkedMeanwhile) {
                    if (attempt >= 10) {
                        throw unlinkedMeanwhile;
                    }
                }
            }
        }
    }

    /**
     * Builds the shared object that lives in this region, typically with its constructor; if that throws
     * (another codec, a corrupt body, the wrong kind), closes the region first, so that a failed open keeps no
     * descriptor, mapping or attachment lock and the file can still be collected.
     */
    public <T> T buildOrClose(Function<Region, T> build) {
        try {
            return build.apply(this);
        } catch (Throwable failure) {
            close();
            throw failure;
        }
    }

    /** The file's size once its creator has published it; throws if that does not happen in time. */
    private static long awaitInitialised(String name, Path path, FileChannel channel) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(openTimeoutMillis());
        MappedBytes header = null;
        try {
            while (true) {
                long size = channel.size();
                if (size >= HEADER_LENGTH) {
                    if (header == null) {
                        header = new MappedBytes(channel.map(FileChannel.MapMode.READ_ONLY, 0, HEADER_LENGTH));
                    }
                    // acquire: pairs with the creator's release of INITIALISED, so the rest of the header is visible
                    int initialised = header.getIntAcquire(INITIALISED_OFFSET);
                    if (initialised == INITIALISED) {
                        return size;
                    }
                    if (initialised != 0) {
                        throw new CorruptedException("'" + name + "': header's initialised word is 0x"
                                + Integer.toHexString(initialised) + ", not a value ipc4j writes");
                    }
                    long pid = header.getLong(CREATOR_PID_OFFSET);
                    long creator = header.getLong(CREATOR_IDENTITY_OFFSET);
                    if (creator != ProcessIdentity.NONE && !ProcessTable.of(path.getParent()).isAlive(creator)) {
                        throw new NotInitialisedException("'" + name + "' was never initialised: its creator (pid " + pid
                                + ") died first; unlink it and create it again");
                    }
                }
                if (System.nanoTime() - deadline > 0) {
                    if (size < HEADER_LENGTH) {
                        throw new CorruptedException("'" + name + "' is truncated: " + size + " bytes, less than the "
                                + HEADER_LENGTH + "-byte header");
                    }
                    throw new NotInitialisedException("'" + name + "' was not initialised within " + openTimeoutMillis()
                            + " ms by its creator (pid " + readCreatorPid(channel) + ")");
                }
                LockSupport.parkNanos(1_000_000);
            }
        } finally {
            if (header != null) {
                detach(header); // a mapping of its own: its pages must not wait for a GC either
            }
        }
    }

    private static long readCreatorPid(FileChannel channel) throws IOException {
        ByteBuffer pid = ByteBuffer.allocate(Long.BYTES).order(java.nio.ByteOrder.nativeOrder());
        channel.read(pid, CREATOR_PID_OFFSET);
        return pid.getLong(0);
    }

    private static void validateHeader(String name, MappedBytes bytes, long size, ObjectType expected) {
        long magic = bytes.getLong(MAGIC_OFFSET);
        if (magic != MAGIC) {
            throw new CorruptedException("'" + name + "' is not an ipc4j object: bad magic 0x" + Long.toHexString(magic));
        }
        int version = bytes.getInt(VERSION_OFFSET);
        if (RegionHeaderDescriptor.majorVersion(version) != MAJOR_VERSION) {
            throw new IncompatibleVersionException("'" + name + "' has layout version " + RegionHeaderDescriptor.majorVersion(version)
                    + "." + (version & 0xFFFF) + "; this ipc4j reads major version " + MAJOR_VERSION);
        }
        int code = bytes.getInt(TYPE_OFFSET);
        ObjectType actual = ObjectType.ofCode(code);
        if (actual != expected) {
            throw new TypeMismatchException("'" + name + "' is a " + (actual == null ? "type with unknown code " + code : actual)
                    + ", not a " + expected);
        }
        long total = bytes.getLong(TOTAL_LENGTH_OFFSET);
        int body = bytes.getInt(BODY_LENGTH_OFFSET);
        if (total != size || body != size - HEADER_LENGTH) {
            throw new CorruptedException("'" + name + "': header says " + total + " bytes (body " + body
                    + "), the file has " + size);
        }
    }

    private static void reserve(FileChannel channel, long total, String name) throws IOException {
        ByteBuffer zeros = ZEROS.duplicate(); // its own position and limit; the bytes stay zero, shared
        long position = 0;
        try {
            while (position < total) {
                zeros.clear().limit((int) Math.min(zeros.capacity(), total - position));
                position += channel.write(zeros, position);
            }
        } catch (IOException e) {
            throw new RegionIOException("cannot reserve " + total + " bytes for '" + name + "' (is the shared-memory"
                    + " file system full?): " + e.getMessage(), e);
        }
    }

    /** How long {@link #open} waits for a creator; cleaners leave uninitialised files younger than this alone. */
    static long openTimeoutMillis() {
        return Long.getLong(OPEN_TIMEOUT_PROPERTY, DEFAULT_OPEN_TIMEOUT_MILLIS);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // failing for another reason already
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // best effort while failing for another reason
        }
    }

    public String name() {
        return name;
    }

    /** The process table of this object's directory: this process's identity in it, and liveness of the others. */
    public ProcessTable processes() {
        return processes;
    }

    public Path path() {
        return path;
    }

    public ObjectType type() {
        return type;
    }

    /** The whole mapping, header included; the body starts at {@link RegionHeaderDescriptor#HEADER_LENGTH}. */
    public MappedBytes bytes() {
        return bytes;
    }

    public int bodyOffset() {
        return HEADER_LENGTH;
    }

    public int bodyLength() {
        return bytes.capacity() - HEADER_LENGTH;
    }

    /**
     * Throws {@link CorruptedException} unless the body is exactly {@code expected} bytes: for types of a fixed
     * layout, called before the first access to the body (the header's lengths agree with the file, but a
     * hostile or damaged file may still be shorter than the layout).
     */
    public void requireBodyLength(int expected, String layout) {
        if (bodyLength() != expected) {
            throw new CorruptedException("'" + name + "': a " + layout + " has a " + expected + "-byte body, this file has "
                    + bodyLength());
        }
    }

    /** As {@link #requireBodyLength}, for layouts whose fixed part is followed by a variable one. */
    public void requireBodyAtLeast(int minimum, String layout) {
        if (bodyLength() < minimum) {
            throw new CorruptedException("'" + name + "': a " + layout + " needs a body of at least " + minimum
                    + " bytes, this file has " + bodyLength());
        }
    }

    public long creator() {
        return bytes.getLong(CREATOR_IDENTITY_OFFSET);
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Ends this process's attachment (the kernel ends it too if the process dies). Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            attachment.release(bytes);
        }
    }

    /** Detaches a mapping only this method used from the file (see {@link org.ipc4j.os.Mappings#release}). */
    private static void detach(MappedBytes mapping) {
        Os.mappings().release(mapping.address(), mapping.capacity());
    }

    /** Removes the name; processes that have it open keep using the memory. Quiet if already removed. */
    public void unlink() {
        try {
            if (closed.get()) {
                Attachments.unlinkClosed(path, bytes); // the last one out frees the pages
            } else {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new RegionIOException("cannot unlink '" + name + "' at " + path + ": " + e, e);
        }
    }
}
