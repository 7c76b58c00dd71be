package org.ipc4j.channel;

import static org.ipc4j.channel.PipeDescriptor.CLOSED_OFFSET;
import static org.ipc4j.channel.PipeDescriptor.FREE;
import static org.ipc4j.channel.PipeDescriptor.HOLDER_OFFSET;
import static org.ipc4j.channel.PipeDescriptor.IN_TRANSIT;

import org.ipc4j.errors.EndInUseException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.ring.ProcessStamp;

/**
 * One end's line in a pipe's region ({@link PipeDescriptor}): who holds the end, whether it was closed. Every change of the holder word is a CAS, so two processes never both take an end.
 */
final class EndLine {
    private final String pipe;
    private final int end;
    private final MappedBytes memory;
    private final int line;

    EndLine(String pipe, int end, MappedBytes memory, int body) {
        this.pipe = pipe;
        this.end = end;
        this.memory = memory;
        this.line = body + PipeDescriptor.endOffset(end);
    }

    static boolean isInTransit(long word) {
        return (word & IN_TRANSIT) != 0;
    }

    /** The process that holds the end, or that handed it over while it is in transit. */
    static long process(long word) {
        return word & ~IN_TRANSIT;
    }

    int end() {
        return end;
    }

    long holder() {
        // volatile: pairs with the CAS of attach and hand-over
        return memory.getLongVolatile(line + HOLDER_OFFSET);
    }

    boolean isClosed() {
        // volatile: pairs with the volatile store in close(), made after the holder's last commit, so a
        // receiver that sees "closed" and then an empty ring has everything that was sent
        return memory.getIntVolatile(line + CLOSED_OFFSET) != 0;
    }

    /** Takes the end for {@code self}: one that is free, in transit, or whose holder died; never a live holder's. */
    void attach(long self) {
        while (true) {
            if (isClosed()) {
                throw new ObjectClosedException("pipe '" + pipe + "': end " + end + " was closed; a closed end cannot be attached again");
            }
            long word = holder();
            if (word != FREE && !isInTransit(word) && ProcessStamp.isAlive(word)) {
                throw new EndInUseException(pipe, end, ProcessStamp.pid(word));
            }
            if (memory.compareAndSetLong(line + HOLDER_OFFSET, word, self)) {
                return;
            }
        }
    }

    /** Marks the end in transit from {@code self} (serialising hands it over) if this process holds it. */
    void handOver(long self) {
        long word = holder();
        if (word == self) {
            memory.compareAndSetLong(line + HOLDER_OFFSET, word, IN_TRANSIT | self);
        }
    }

    /** Sets the closed flag if {@code self} holds the end; true if it did. */
    boolean close(long self) {
        if (holder() != self) {
            return false;
        }
        // volatile: pairs with the other end's volatile read in isClosed(); our commits came before it
        memory.putIntVolatile(line + CLOSED_OFFSET, 1);
        return true;
    }
}
