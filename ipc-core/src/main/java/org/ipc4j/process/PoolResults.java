package org.ipc4j.process;

import org.ipc4j.errors.CorruptedException;
import org.ipc4j.process.PoolValues.UnreadableValueException;

/** The parent's reading of a result message ({@link PoolMessages}): ids, and a value or error for each. */
final class PoolResults {
    final int count;
    final long[] ids;
    final Object[] values;
    final Throwable[] errors;

    private PoolResults(int count) {
        this.count = count;
        this.ids = new long[count];
        this.values = new Object[count];
        this.errors = new Throwable[count];
    }

    /** A result that cannot be read fails its task alone; a corrupt message throws CorruptedException. */
    static PoolResults read(String pool, byte[] message) {
        WireIn in = new WireIn("pool '" + pool + "'", message);
        int count = in.readInt();
        // each result takes at least 10 bytes
        if (count < 0 || count > message.length / 10) {
            throw in.corrupt(count + " results in " + message.length + " bytes");
        }
        PoolResults results = new PoolResults(count);
        for (int i = 0; i < count; i++) {
            long id = in.readLong();
            int status = in.readByte();
            if (status != PoolMessages.OK && status != PoolMessages.FAILED) {
                throw in.corrupt("unknown status " + status + " of task " + id);
            }
            boolean failed = status == PoolMessages.FAILED;
            results.ids[i] = id;
            try {
                Object value = PoolValues.read(in);
                if (!failed) {
                    results.values[i] = value;
                } else {
                    results.errors[i] = value instanceof Throwable t ? t
                            : new CorruptedException("pool '" + pool + "': task " + id + " failed with a non-Throwable");
                }
            } catch (UnreadableValueException e) {
                results.errors[i] = new CorruptedException("pool '" + pool + "': cannot read the "
                        + (failed ? "exception" : "result") + " of task " + id + ": " + e.getMessage(), e.getCause());
            }
        }
        if (in.hasMore()) {
            throw in.corrupt("bytes left after " + count + " results");
        }
        return results;
    }
}
