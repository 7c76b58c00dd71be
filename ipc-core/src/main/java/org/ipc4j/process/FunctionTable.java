package org.ipc4j.process;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The functions one worker keeps, seen from the parent: function object (by identity) to id. A function is
 * serialised into the worker's messages only the first time it goes there. When the table is full it starts
 * over (FORGET_ALL), so that it never holds on to many functions and what they capture.
 */
final class FunctionTable {
    static final int CAPACITY = 64;

    private final Map<Object, Integer> ids = new IdentityHashMap<>();
    private int nextId;

    /** The id {@code function} has in the worker, defining it in {@code out} first if the worker lacks it. */
    int idOf(Object function, WireOut out, String what) {
        Integer id = ids.get(function);
        if (id != null) {
            return id;
        }
        if (ids.size() >= CAPACITY) {
            out.writeByte(PoolMessages.FORGET_ALL);
            ids.clear();
        }
        // serialised apart first: it names the field that is not serialisable, and leaves out untouched
        byte[] serialised = Serialization.toBytes(function, what);
        int newId = nextId++;
        out.writeByte(PoolMessages.DEFINE);
        out.writeInt(newId);
        PoolValues.writeSerializedBytes(out, serialised);
        ids.put(function, newId);
        return newId;
    }
}
