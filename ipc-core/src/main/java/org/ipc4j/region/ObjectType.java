package org.ipc4j.region;

/**
 * The type of the object a region holds, stored in its header so that opening a lock as a queue fails
 * clearly. Codes are part of the file format: never renumber, only add.
 */
public enum ObjectType {
    MEMORY(1),
    LOCK(2),
    RLOCK(3),
    SEMAPHORE(4),
    EVENT(5),
    CONDITION(6),
    BARRIER(7),
    QUEUE(8),
    PIPE(9),
    VALUE_INT(10),
    VALUE_LONG(11),
    VALUE_DOUBLE(12),
    VALUE_BOOLEAN(13),
    ARRAY_INT(14),
    ARRAY_LONG(15),
    ARRAY_DOUBLE(16),
    ARRAY_BYTE(17),
    MAP(18),
    MESSAGE_BLOCK(19),
    /** The public zero-copy ring (ring.SharedRing). */
    RING(20),
    /** Used by tests and tools for regions with no typed body. */
    RAW(100);

    private final int code;

    ObjectType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this code, or null if this version of ipc4j does not know it. */
    public static ObjectType ofCode(int code) {
        for (ObjectType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
