package org.ipc4j.region;

import java.io.Serializable;

import org.ipc4j.errors.ObjectClosedException;

/**
 * The lifecycle every shared type follows: created or opened on a {@link Region}, {@link #name()},
 * {@link #close()} (idempotent), {@link #unlink()}, and serialisable as a handle that attaches the same
 * memory in the receiving process. Subclasses offer {@code create(name, ..)}, {@code open(name)},
 * {@code openOrCreate(name, ..)} and anonymous {@code create(..)}.
 */
public abstract class SharedObject implements AutoCloseable, Serializable {
    private static final long serialVersionUID = 1L;

    private final transient Region region;
    /** Plain on purpose: read on every operation; a close in another thread is seen soon enough. */
    private transient boolean closed;

    protected SharedObject(Region region) {
        this.region = region;
    }

    public final String name() {
        return region.name();
    }

    protected final Region region() {
        return region;
    }

    /** Throws {@link ObjectClosedException} if this object was closed. */
    protected final void ensureOpen() {
        if (closed) {
            throw new ObjectClosedException(getClass().getSimpleName() + " '" + region.name() + "' is closed");
        }
    }

    public final boolean isClosed() {
        return closed;
    }

    /**
     * After a write that began on an open object: throws {@link ObjectClosedException} if another thread closed
     * it meanwhile, since the write may then have gone to memory already given back (see {@link Region}).
     */
    protected final void ensureOpenAfter(String write) {
        if (closed) {
            throw new ObjectClosedException(getClass().getSimpleName() + " '" + region.name() + "' was closed by another"
                    + " thread during this " + write + ": it reached the object only if other processes still have it open");
        }
    }

    /** Stops this process's use of the object; other processes are not affected. Idempotent. */
    @Override
    public void close() {
        closed = true;
        region.close();
    }

    /** Removes the name so no one else can open it; processes already attached keep working. */
    public void unlink() {
        region.unlink();
    }

    protected Object writeReplace() {
        ensureOpen();
        return new SharedObjectHandle(getClass().getName(), name());
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name() + (closed ? ", closed" : "") + "]";
    }
}
