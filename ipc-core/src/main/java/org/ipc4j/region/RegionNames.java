package org.ipc4j.region;

import java.security.SecureRandom;
import java.util.HexFormat;

import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.os.ProcessTable;

/** What a region name may be, and random names for anonymous objects. */
public final class RegionNames {
    public static final int MAX_LENGTH = 200;
    /** Anonymous regions start with this, so the resource tracker and the CLI can tell them apart. */
    public static final String ANONYMOUS_PREFIX = "anon-";

    private RegionNames() {
    }

    /** Returns {@code name} if it is valid, else throws {@link InvalidNameException} saying why. */
    public static String validate(String name) {
        if (name == null) {
            throw new InvalidNameException("name is null");
        }
        if (name.isEmpty()) {
            throw new InvalidNameException("name is empty: use [A-Za-z0-9._-]{1,200}");
        }
        if (name.length() > MAX_LENGTH) {
            throw new InvalidNameException("name '" + name.substring(0, 20) + "...' has " + name.length()
                    + " characters, more than " + MAX_LENGTH);
        }
        if (name.equals(".") || name.equals("..") || !hasOnlyNameCharacters(name)) {
            throw new InvalidNameException("name '" + name + "' is not allowed: use [A-Za-z0-9._-]{1,200}, not '.' or '..'");
        }
        if (ProcessTable.isTableFile(name)) {
            throw new InvalidNameException("name '" + name + "' is reserved: it is the directory's process table");
        }
        return name;
    }

    /** [A-Za-z0-9._-] only: a loop, not a regex, which would cost every JVM's start a few ms of classes. */
    private static boolean hasOnlyNameCharacters(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** A fresh unguessable name (128 random bits). */
    public static String anonymous() {
        byte[] bits = new byte[16];
        Random.SOURCE.nextBytes(bits);
        return ANONYMOUS_PREFIX + HexFormat.of().formatHex(bits);
    }

    /** Made on the first anonymous name: a SecureRandom loads the security providers, which named objects never need. */
    private static final class Random {
        static final SecureRandom SOURCE = new SecureRandom();

        private Random() {
        }
    }
}
