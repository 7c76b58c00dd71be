package org.ipc4j.os;

import static org.ipc4j.os.ProcessTableDescriptor.CLAIMED_MILLIS_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.FILE_LENGTH;
import static org.ipc4j.os.ProcessTableDescriptor.FILE_NAME;
import static org.ipc4j.os.ProcessTableDescriptor.GENERATION_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.LAYOUT_VERSION;
import static org.ipc4j.os.ProcessTableDescriptor.LIFE_WORD_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.MAGIC;
import static org.ipc4j.os.ProcessTableDescriptor.MAGIC_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.PID_NAMESPACE_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.PID_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.SLOT_COUNT;
import static org.ipc4j.os.ProcessTableDescriptor.SLOT_COUNT_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.SLOT_LENGTH;
import static org.ipc4j.os.ProcessTableDescriptor.SLOT_LENGTH_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.VERSION_OFFSET;
import static org.ipc4j.os.ProcessTableDescriptor.slotOffset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.memory.MappedBytes;

/**
 * One directory's {@linkplain ProcessTableDescriptor process table}, as this process sees it: this process's
 * own {@link ProcessIdentity} for the objects of that directory ({@link #self()}, a slot claimed on first use
 * and held until the JVM exits), and the judge of every identity found in them ({@link #isAlive}).
 *
 * <p>{@code -Dipc4j.liveness=procfs} or {@code portable} makes this process stamp itself with a start-time
 * identity instead (as does a table that cannot be used: unwritable, corrupted, or full); identities of
 * every kind are still judged, each by its own method.
 *
 * <p>POSIX record locks belong to the process, and closing any descriptor of a file drops all of the process's
 * locks on it, so the table's channel is opened once per directory and never closed.
 */
public final class ProcessTable {
    private static final Map<Path, ProcessTable> TABLES = new ConcurrentHashMap<>();
    private static final long MY_PID = ProcessHandle.current().pid();
    private static final long MY_PID_NAMESPACE = pidNamespace();
    private static final ProcessLiveness PROCFS = ProcfsLiveness.probe();
    private static final ProcessLiveness PORTABLE = new ProcessHandleLiveness();
    private static final long INIT_TIMEOUT_NANOS = 5_000_000_000L;
    /** How many slots from a process's first choice {@link #lifeWordOf} looks at: enough unless the table is crowded. */
    private static final int LIFE_WORD_SEARCH = 64;

    private final Object directoryKey;
    /** Null when the table cannot be used here: TABLE identities are then counted alive. */
    private final FileChannel channel;
    private final MappedBytes slots;
    private final String unusableBecause;
    private volatile long self;

    private ProcessTable(Object directoryKey, FileChannel channel, MappedBytes slots, String unusableBecause) {
        this.directoryKey = directoryKey;
        this.channel = channel;
        this.slots = slots;
        this.unusableBecause = unusableBecause;
    }

    /** The table of {@code directory} (opened, or created, on first use in this JVM). */
    public static ProcessTable of(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Object key = directoryKey(dir);
        ProcessTable table = TABLES.get(dir);
        if (table != null && Objects.equals(table.directoryKey, key)) {
            return table;
        }
        synchronized (TABLES) {
            table = TABLES.get(dir);
            if (table == null || !Objects.equals(table.directoryKey, key)) {
                table = open(dir, key);
                TABLES.put(dir, table);
            }
            return table;
        }
    }

    /** True for the file name of a process table, which is not a region. */
    public static boolean isTableFile(String fileName) {
        return FILE_NAME.equals(fileName);
    }

    /** This process's identity in this directory: a TABLE identity unless the table cannot be used or is refused. */
    public long self() {
        long identity = self;
        if (identity == ProcessIdentity.NONE) {
            synchronized (this) {
                identity = self;
                if (identity == ProcessIdentity.NONE) {
                    identity = claimSlot();
                    self = identity;
                }
            }
        }
        return identity;
    }

    /**
     * False only if the process {@code identity} names has certainly ended, or it names none: judged by the
     * identity's own kind, a TABLE identity by this table (alive if the table cannot be read here), a
     * start-time identity by its pid and start time in this process's namespace (alive while they cannot be
     * read). {@link ProcessIdentity#NONE} and malformed words (kind 0, pid 0), which ipc4j never writes for a
     * process (a corrupted file holds them), name nobody: a lock they hold is taken over.
     */
    public boolean isAlive(long identity) {
        switch (ProcessIdentity.kind(identity)) {
            case ProcessIdentity.KIND_TABLE:
                return isSlotHeld(identity);
            case ProcessIdentity.KIND_PROCFS:
                return PROCFS == null || runsSince(PROCFS, identity);
            case ProcessIdentity.KIND_PORTABLE:
                return runsSince(PORTABLE, identity);
            default:
                return false;
        }
    }

    /**
     * The pid of {@code identity}'s process in this process's PID namespace, for following its exit; 0 where
     * that cannot be told (another namespace, a slot claimed since, an unknown kind).
     */
    public long localPid(long identity) {
        int kind = ProcessIdentity.kind(identity);
        if (kind == ProcessIdentity.KIND_PROCFS || kind == ProcessIdentity.KIND_PORTABLE) {
            return ProcessIdentity.pid(identity);
        }
        if (kind != ProcessIdentity.KIND_TABLE || slots == null || MY_PID_NAMESPACE == 0) {
            return 0;
        }
        int at = slotOffset(ProcessIdentity.slot(identity));
        // acquire: pairs with the claimer's release of the generation, written after pid and namespace
        if (slots.getLongAcquire(at + GENERATION_OFFSET) != ProcessIdentity.generation(identity)
                || slots.getLong(at + PID_NAMESPACE_OFFSET) != MY_PID_NAMESPACE) {
            return 0;
        }
        return slots.getLong(at + PID_OFFSET);
    }

    /**
     * The pid {@code identity}'s process recorded for itself (in its own namespace): the identity's pid field,
     * or for a TABLE identity made from a lock tag alone, its slot's; 0 if unknown.
     */
    public long recordedPid(long identity) {
        long pid = ProcessIdentity.pid(identity);
        if (pid != 0 || ProcessIdentity.kind(identity) != ProcessIdentity.KIND_TABLE || slots == null) {
            return pid;
        }
        int at = slotOffset(ProcessIdentity.slot(identity));
        // acquire: pairs with the claimer's release of the generation
        return slots.getLongAcquire(at + GENERATION_OFFSET) == ProcessIdentity.generation(identity) ? slots.getLong(at + PID_OFFSET) : 0;
    }

    /** Why TABLE identities cannot be judged or claimed here, or null. */
    public String unusableBecause() {
        return unusableBecause;
    }

    private static boolean runsSince(ProcessLiveness liveness, long identity) {
        long pid = ProcessIdentity.pid(identity);
        if (pid <= 0 || pid > ProcessIdentity.MAX_PID) {
            return false;
        }
        long actual = liveness.startTime(pid);
        if (actual == ProcessLiveness.DEAD) {
            return false;
        }
        long recorded = ProcessIdentity.recordedStart(identity);
        return actual == ProcessLiveness.UNKNOWN || recorded == 0 || liveness.sameStart(actual, recorded, ProcessIdentity.LOW_MASK);
    }

    private boolean isSlotHeld(long identity) {
        if (channel == null) {
            return true;
        }
        long mine = self;
        // a TABLE tag (kind, slot, generation) names one process: this one's, even from a word without a pid
        if (mine != ProcessIdentity.NONE && ProcessIdentity.lockTag(mine) == ProcessIdentity.lockTag(identity)) {
            return true;
        }
        int at = slotOffset(ProcessIdentity.slot(identity));
        // acquire: a generation moved on means the slot was claimed again, which only its holder's death allows
        if (slots.getLongAcquire(at + GENERATION_OFFSET) != ProcessIdentity.generation(identity)) {
            return false;
        }
        if (Lifeline.ownerDied(slots.getIntVolatile(at + LIFE_WORD_OFFSET))) {
            return false; // the kernel marked it as the holder died; its lock goes only once it has exited
        }
        // the JVM's lock table refuses overlapping locks of two threads: one check at a time
        synchronized (this) {
            try {
                FileLock probe = channel.tryLock(at, 1, true);
                if (probe == null) {
                    return true;
                }
                probe.release();
                return false;
            } catch (IOException | RuntimeException unreadable) {
                // not evidence of death
                return true;
            }
        }
    }

    /** Takes the first free slot from one derived from the pid; a start-time identity if the table is unusable or full. */
    private long claimSlot() {
        String kind = System.getProperty("ipc4j.liveness", "table");
        if (channel == null || kind.equals("procfs") || kind.equals("portable")) {
            return startTimeIdentity();
        }
        int first = firstSlotOf(MY_PID);
        for (int i = 0; i < SLOT_COUNT; i++) {
            int slot = (first + i) & (SLOT_COUNT - 1);
            int at = slotOffset(slot);
            FileLock lock;
            try {
                lock = channel.tryLock(at, 1, false);
            } catch (IOException | RuntimeException e) {
                return startTimeIdentity();
            }
            if (lock == null) {
                continue;
            }
            // the lock is never released: the kernel drops it when this process ends
            long previous = slots.getLongVolatile(at + GENERATION_OFFSET) & ProcessIdentity.GENERATION_MASK;
            int generation = (int) (previous % ProcessIdentity.GENERATION_MASK) + 1;
            slots.putLong(at + PID_OFFSET, MY_PID);
            slots.putLong(at + PID_NAMESPACE_OFFSET, MY_PID_NAMESPACE);
            slots.putLong(at + CLAIMED_MILLIS_OFFSET, System.currentTimeMillis());
            slots.putIntVolatile(at + LIFE_WORD_OFFSET, 0); // the last holder's death mark is not ours
            // release: a reader that sees the new generation sees pid, namespace and a cleared life word
            slots.putLongRelease(at + GENERATION_OFFSET, generation);
            Lifeline.start(slots, at + LIFE_WORD_OFFSET);
            return ProcessIdentity.table(MY_PID, slot, generation);
        }
        return startTimeIdentity();
    }

    /** Where a claim by {@code pid} starts looking for a free slot, and so where a search for its slot starts. */
    private static int firstSlotOf(long pid) {
        return (int) ((pid * 0x9E3779B9L) >>> 8) & (SLOT_COUNT - 1);
    }

    /**
     * The life word of the process running as {@code pid} in this process's PID namespace, in a table this JVM
     * has open, if it has a lifeline; null otherwise. Looks from where that process's claim looked first, as far
     * as {@link #LIFE_WORD_SEARCH} slots.
     */
    static LifeWord lifeWordOf(long pid) {
        if (MY_PID_NAMESPACE == 0 || pid <= 0) {
            return null;
        }
        for (ProcessTable table : TABLES.values()) {
            if (table.slots == null) {
                continue;
            }
            int first = firstSlotOf(pid);
            for (int i = 0; i < LIFE_WORD_SEARCH; i++) {
                int at = slotOffset((first + i) & (SLOT_COUNT - 1));
                // acquire: pairs with the claimer's release of the generation, written after the rest
                long generation = table.slots.getLongAcquire(at + GENERATION_OFFSET);
                if (table.slots.getLong(at + PID_OFFSET) != pid || table.slots.getLong(at + PID_NAMESPACE_OFFSET) != MY_PID_NAMESPACE) {
                    continue;
                }
                int tid = table.slots.getIntVolatile(at + LIFE_WORD_OFFSET) & Lifeline.TID_MASK;
                if (tid != 0) {
                    return new LifeWord(table.slots, at, generation, tid);
                }
            }
        }
        return null;
    }

    /** One process's life word, as {@link #lifeWordOf} found it: its slot, that slot's generation then, and the lifeline's thread id. */
    record LifeWord(MappedBytes slots, int slot, long generation, int tid) {
        int offset() {
            return slot + LIFE_WORD_OFFSET;
        }

        int value() {
            return slots.getIntVolatile(offset());
        }

        /** True if {@code value} (read from the word) or the slot says this process died: marked, or its slot claimed again. */
        boolean ownerGone(int value) {
            return Lifeline.ownerDied(value) || (value & Lifeline.TID_MASK) != tid
                    || slots.getLongAcquire(slot + GENERATION_OFFSET) != generation;
        }

        /** Sets the waiters bit, so that the kernel wakes a sleeper at the death; false if the word moved meanwhile. */
        boolean markWaiters(int value) {
            return slots.compareAndSetInt(offset(), value, value | Lifeline.WAITERS);
        }
    }

    private static long startTimeIdentity() {
        ProcessLiveness liveness = Os.liveness();
        return ProcessIdentity.started(MY_PID, liveness.startTime(MY_PID), liveness);
    }

    private static ProcessTable open(Path dir, Object key) {
        Path file = dir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            initialiseIfNew(channel, file);
            MappedBytes slots = new MappedBytes(channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_LENGTH));
            return new ProcessTable(key, channel, slots, null);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return new ProcessTable(key, null, null, e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Writes the header of a new table under a lock on its first byte; checks the header of any table. */
    private static void initialiseIfNew(FileChannel channel, Path file) throws IOException {
        if (readMagic(channel) == 0) {
            long deadline = System.nanoTime() + INIT_TIMEOUT_NANOS;
            FileLock lock;
            while ((lock = channel.tryLock(MAGIC_OFFSET, 1, false)) == null) {
                if (System.nanoTime() - deadline > 0) {
                    throw new CorruptedException("process table " + file + ": its creator held it uninitialised for 5 s");
                }
                LockSupport.parkNanos(1_000_000);
            }
            try {
                if (readMagic(channel) == 0) {
                    ByteBuffer header = ByteBuffer.allocate(ProcessTableDescriptor.HEADER_LENGTH).order(ByteOrder.nativeOrder());
                    header.putInt(VERSION_OFFSET, LAYOUT_VERSION);
                    header.putInt(SLOT_COUNT_OFFSET, SLOT_COUNT);
                    header.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
                    channel.write(ByteBuffer.allocate(1), FILE_LENGTH - 1);
                    channel.write(header, 0);
                    ByteBuffer magic = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder()).putLong(0, MAGIC);
                    channel.write(magic, MAGIC_OFFSET);
                }
            } finally {
                lock.release();
            }
        }
        ByteBuffer header = ByteBuffer.allocate(ProcessTableDescriptor.HEADER_LENGTH).order(ByteOrder.nativeOrder());
        channel.read(header, 0);
        if (header.getLong(MAGIC_OFFSET) != MAGIC || header.getInt(VERSION_OFFSET) != LAYOUT_VERSION
                || header.getInt(SLOT_COUNT_OFFSET) != SLOT_COUNT || header.getInt(SLOT_LENGTH_OFFSET) != SLOT_LENGTH
                || channel.size() < FILE_LENGTH) {
            throw new CorruptedException("process table " + file + " is not one this ipc4j writes (magic 0x"
                    + Long.toHexString(header.getLong(MAGIC_OFFSET)) + ", version " + header.getInt(VERSION_OFFSET) + ", "
                    + channel.size() + " bytes)");
        }
    }

    private static long readMagic(FileChannel channel) throws IOException {
        ByteBuffer magic = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.nativeOrder());
        int read = channel.read(magic, MAGIC_OFFSET);
        return read == Long.BYTES ? magic.getLong(0) : 0;
    }

    private static Object directoryKey(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /** The inode of this process's PID namespace ({@code /proc/self/ns/pid} reads "pid:[inode]"), 0 if unknown. */
    private static long pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            int open = link.indexOf('[');
            int close = link.indexOf(']');
            return open < 0 || close < open ? 0 : Long.parseLong(link.substring(open + 1, close));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked through it yet
            }
        }
    }
}
