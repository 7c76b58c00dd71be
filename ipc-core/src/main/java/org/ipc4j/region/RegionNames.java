package org.ipc4j.region;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.os.ProcessTable;

/** What a region name may be, and random names for anonymous objects. */
public final class RegionNames {
    public static final int MAX_LENGTH = 200;
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();
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
        if (name.equals(".") || name.equals("..") || !VALID.matcher(name).matches()) {
            throw new InvalidNameException("name '" + name + "' is not allowed: use [A-Za-z0-9._-]{1,200}, not '.' or '..'");
        }
        if (ProcessTable.isTableFile(name)) {
            throw new InvalidNameException("name '" + name + "' is reserved: it is the directory's process table");
        }
        return name;
    }

    /** A fresh unguessable name (128 random bits). */
    public static String anonymous() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return ANONYMOUS_PREFIX + HexFormat.of().formatHex(bits);
    }
}
