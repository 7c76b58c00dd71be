package org.ipc4j.region;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.ipc4j.errors.RegionIOException;

/**
 * Where region files live: {@code -Dipc4j.dir}, else {@code $IPC4J_DIR}, else a per-user folder
 * {@code /dev/shm/ipc4j-<user>} (mode 0700), else {@code <java.io.tmpdir>/ipc4j-<user>} where /dev/shm is
 * missing. Read on every call so that a test can point it elsewhere.
 */
public final class RegionDirectory {
    public static final String PROPERTY = "ipc4j.dir";
    public static final String ENVIRONMENT = "IPC4J_DIR";

    /**
     * Default directories found private in this JVM, with the identity (device and inode) each had then. While
     * it exists, a 0700 directory of this user in the sticky /dev/shm (or tmp) cannot be renamed or replaced
     * by another user, so a stat that finds the same identity stands for the full check, whose owner lookup
     * (getpwuid) cost 0.4 ms a call here, 1.5 ms the first time: most of a fresh child's first attach. A
     * directory removed and made again, by anyone, has a new identity and is checked again.
     */
    private static final Map<Path, Object> CHECKED_PRIVATE = new ConcurrentHashMap<>();

    private RegionDirectory() {
    }

    /**
     * The directory to use, created (mode 0700) if missing. The default per-user directory sits in a
     * world-writable place under a predictable name, so it must be a real directory (not a link), owned by
     * this user, with mode 0700: otherwise another user could plant files that this user's processes open.
     */
    public static Path current() {
        Path dir = configured();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(dir)) {
            try {
                Files.createDirectories(dir.getParent());
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (FileAlreadyExistsException raced) {
                // another process made it first
            } catch (IOException | UnsupportedOperationException e) {
                throw new RegionIOException("cannot create the ipc4j directory " + dir + ": " + e.getMessage(), e);
            }
        }
        if (!isExplicit()) {
            ensurePrivate(dir);
        }
        return dir;
    }

    /** {@link #checkPrivate}, skipped when {@code dir} is still the very directory that passed it. */
    static void ensurePrivate(Path dir) {
        Object checked = CHECKED_PRIVATE.get(dir);
        if (checked != null && checked.equals(identity(dir))) {
            return;
        }
        Object identity = checkPrivate(dir);
        if (identity != null) {
            CHECKED_PRIVATE.put(dir, identity);
        }
    }

    /** Device and inode of {@code dir} itself (not of a link's target), or null if unknown. */
    private static Object identity(Path dir) {
        try {
            return Files.readAttributes(dir, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean isExplicit() {
        String property = System.getProperty(PROPERTY);
        String environment = System.getenv(ENVIRONMENT);
        return (property != null && !property.isBlank()) || (environment != null && !environment.isBlank());
    }

    /** Throws unless {@code dir} is a real directory of this user with mode 0700; returns its identity (may be null). */
    static Object checkPrivate(Path dir) {
        try {
            PosixFileAttributes attributes = Files.readAttributes(dir, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String me = System.getProperty("user.name");
            if (!attributes.isDirectory()) {
                throw new RegionIOException("the ipc4j directory " + dir + " is not a directory (a link?); remove it");
            }
            if (me != null && !attributes.owner().getName().equals(me)) {
                throw new RegionIOException("the ipc4j directory " + dir + " belongs to " + attributes.owner().getName()
                        + ", not to " + me + "; another user may have planted it: remove it or set -Dipc4j.dir");
            }
            if (!PosixFilePermissions.toString(attributes.permissions()).equals("rwx------")) {
                throw new RegionIOException("the ipc4j directory " + dir + " has mode "
                        + PosixFilePermissions.toString(attributes.permissions()) + ", not rwx------; fix it with chmod 700");
            }
            return attributes.fileKey();
        } catch (IOException | UnsupportedOperationException e) {
            throw new RegionIOException("cannot check the ipc4j directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory ipc4j would use, whether or not it exists. */
    public static Path configured() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENVIRONMENT);
        }
        if (dir != null && !dir.isBlank()) {
            return Path.of(dir).toAbsolutePath();
        }
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return base.resolve("ipc4j-" + user);
    }
}
