package org.ipc4j.channel;

import static org.ipc4j.channel.PipeDescriptor.ABANDONED;
import static org.ipc4j.channel.PipeDescriptor.CLOSED_OFFSET;
import static org.ipc4j.channel.PipeDescriptor.FREE;
import static org.ipc4j.channel.PipeDescriptor.HANDOVERS_OFFSET;
import static org.ipc4j.channel.PipeDescriptor.HOLDER_OFFSET;
import static org.ipc4j.channel.PipeDescriptor.IN_TRANSIT;
import static org.ipc4j.channel.PipeDescriptor.RECEIVER_OFFSET;

import org.ipc4j.errors.BrokenPipeException;
import org.ipc4j.errors.EndInUseException;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.os.ProcessIdentity;
import org.ipc4j.os.ProcessTable;

/**
 * One end's line in a pipe's region ({@link PipeDescriptor}): who holds the end, whether it was closed, to whom
 * and how often it was handed over. Every change of the holder word is a CAS, so two processes never both take
 * an end.
 */
final class EndLine {
    private final String pipe;
    private final int end;
    private final MappedBytes memory;
    private final int line;
    private final ProcessTable processes;

    EndLine(String pipe, int end, MappedBytes memory, int body, ProcessTable processes) {
        this.pipe = pipe;
        this.end = end;
        this.memory = memory;
        this.line = body + PipeDescriptor.endOffset(end);
        this.processes = processes;
    }

    ProcessTable processes() {
        return processes;
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
        // volatile: pairs with the CAS of attach, hand-over and give-up
        return memory.getLongVolatile(line + HOLDER_OFFSET);
    }

    boolean isClosed() {
        // volatile: pairs with the volatile store in close(), made after the holder's last commit, so a
        // receiver that sees "closed" and then an empty ring has everything that was sent
        return memory.getIntVolatile(line + CLOSED_OFFSET) != 0;
    }

    int handovers() {
        return memory.getIntVolatile(line + HANDOVERS_OFFSET);
    }

    /** The process the end was last handed to, or {@link ProcessIdentity#NONE} if the sender did not know it. */
    long receiver() {
        return memory.getLongVolatile(line + RECEIVER_OFFSET);
    }

    /** Takes the end for {@code self}: one that is free, in transit, or whose holder died; never a live holder's. */
    void attach(long self) {
        while (true) {
            if (isClosed()) {
                throw new ObjectClosedException("pipe '" + pipe + "': end " + end + " was closed; a closed end cannot be attached again");
            }
            long word = holder();
            if (word == ABANDONED) {
                throw new BrokenPipeException("pipe '" + pipe + "': end " + end + " was handed over but not attached in time;"
                        + " the other end gave up waiting for it");
            }
            if (word != FREE && !isInTransit(word) && processes.isAlive(word)) {
                throw new EndInUseException(pipe, end, processes.recordedPid(word));
            }
            if (memory.compareAndSetLong(line + HOLDER_OFFSET, word, self)) {
                return;
            }
        }
    }

    /** Marks the end in transit from {@code self} to {@code receiver} (or NONE) if this process holds it. */
    void handOver(long self, long receiver) {
        long word = holder();
        if (word == self || word == (IN_TRANSIT | self)) {
            memory.putLong(line + RECEIVER_OFFSET, receiver);
            memory.getAndAddInt(line + HANDOVERS_OFFSET, 1);
            // the CAS publishes the new count with the word: the other end reads the word first
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

    /** Gives up an end still in transit as {@code word}; false if it was attached (or handed over again) meanwhile. */
    boolean giveUp(long word) {
        return memory.compareAndSetLong(line + HOLDER_OFFSET, word, ABANDONED);
    }
}
