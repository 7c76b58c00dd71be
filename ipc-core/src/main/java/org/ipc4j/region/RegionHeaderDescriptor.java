package org.ipc4j.region;

/**
 * Layout of the header at the start of every region file. The body (the object's own layout) starts at
 * {@link #HEADER_LENGTH}, which keeps it cache-line aligned.
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |                        Magic "IPC4JRGN"                       |  0
 *  +-------------------------------+-------------------------------+
 *  |  Layout version (major<<16|minor) |      Object type code     |  8
 *  +-------------------------------+-------------------------------+
 *  |                 Total length of the file (bytes)              | 16
 *  +---------------------------------------------------------------+
 *  |                          Creator pid                          | 24
 *  +---------------------------------------------------------------+
 *  |       Creator identity (an org.ipc4j.os.ProcessIdentity)      | 32
 *  +-------------------------------+-------------------------------+
 *  |  Initialised (written last)   |          Body length          | 40
 *  +-------------------------------+-------------------------------+
 *  |                    Creation time (epoch ms)                   | 48
 *  +---------------------------------------------------------------+
 *  |                     Reserved up to byte 128                   | 56
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <p>Major version 3: an SPSC ring's consumer no longer zeroes what it reads; it relies on its producer
 * zeroing the next header's word, which an older producer does not (its reader would read an earlier lap's
 * records again). Major version 2: every owner word,
 * the creator's included, is a {@code ProcessIdentity}. The creator writes pid and identity first (so an opener can tell a dead creator), then the body,
 * then magic, version, type and lengths, and last the initialised word with release ordering; an opener
 * reads that word with acquire ordering before it trusts anything else (Aeron's CnC file does the same
 * with its version field).
 */
public final class RegionHeaderDescriptor {
    public static final long MAGIC = 0x4E4752_4A_34_435049L; // "IPC4JRGN" read as a little-endian long
    public static final int MAJOR_VERSION = 3;
    public static final int MINOR_VERSION = 0;
    public static final int LAYOUT_VERSION = (MAJOR_VERSION << 16) | MINOR_VERSION;
    public static final int INITIALISED = 0x1A17_0001;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int TYPE_OFFSET = 12;
    public static final int TOTAL_LENGTH_OFFSET = 16;
    public static final int CREATOR_PID_OFFSET = 24;
    public static final int CREATOR_IDENTITY_OFFSET = 32;
    public static final int INITIALISED_OFFSET = 40;
    public static final int BODY_LENGTH_OFFSET = 44;
    public static final int CREATED_MILLIS_OFFSET = 48;

    public static final int HEADER_LENGTH = 128;

    private RegionHeaderDescriptor() {
    }

    public static int majorVersion(int layoutVersion) {
        return layoutVersion >>> 16;
    }
}
