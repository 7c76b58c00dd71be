package org.ipc4j.net;

import java.util.Arrays;

import io.aeron.logbuffer.ControlledFragmentHandler;
import io.aeron.logbuffer.FrameDescriptor;
import io.aeron.logbuffer.Header;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.MessageTooLargeException;

import static org.ipc4j.net.NetFrameDescriptor.KIND_CLOSE;
import static org.ipc4j.net.NetFrameDescriptor.KIND_HELLO;
import static org.ipc4j.net.NetFrameDescriptor.KIND_MORE;
import static org.ipc4j.net.NetFrameDescriptor.KIND_START;
import static org.ipc4j.net.NetFrameDescriptor.KIND_OFFSET;
import static org.ipc4j.net.NetFrameDescriptor.LONG_HEADER_LENGTH;
import static org.ipc4j.net.NetFrameDescriptor.SHORT_HEADER_LENGTH;

/**
 * Turns the Aeron fragments of one or more senders (one per Aeron session) back into whole user messages,
 * copying each byte once. A message is handed on only when all of it has come: a sender that dies part way,
 * or gives up on a message, leaves nothing. Whatever the frames hold, the result is a message or a typed
 * fault, never an exception out of the poll and never an allocation larger than what has arrived (a
 * message's announced length is checked against the limit, and its array grows as parts come).
 *
 * <p>Used by one polling thread at a time; {@link #forget(int)} is called from that thread too.
 */
final class Inbound implements ControlledFragmentHandler {
    /** Where whole messages go. */
    interface Sink {
        /** False while the sink cannot take another message: the poll stops before it, which back-pressures the sender. */
        boolean hasRoom();

        /** A whole message that came in one fragment, at {@code buffer[offset, offset + length)}; copy it to keep it. */
        void onMessage(DirectBuffer buffer, int offset, int length, int sessionId);

        /** A whole message assembled from several fragments; the array is exactly the message and is the sink's. */
        void onAssembled(byte[] message, int sessionId);

        /** A pipe's greeting, at {@code buffer[offset, offset + length)}. */
        void onHello(DirectBuffer buffer, int offset, int length, int sessionId);

        /** The sender closed its end. */
        void onClose(int sessionId);

        /** Something arrived that is not a message: it was dropped. */
        void onFault(Ipc4jException fault);
    }

    private static final int FIRST_ARRAY_LIMIT = 1 << 20;

    private final String description;
    private final int codecTag;
    private final long maxMessageBytes;
    private final Sink sink;
    private final Int2ObjectHashMap<Assembly> assemblies = new Int2ObjectHashMap<>();
    private boolean breakAfterMessage;

    Inbound(String description, int codecTag, long maxMessageBytes, Sink sink) {
        this.description = description;
        this.codecTag = codecTag;
        this.maxMessageBytes = maxMessageBytes;
        this.sink = sink;
    }

    /** Makes a poll stop after each whole message (a pipe's receive takes one at a time). */
    Inbound breakAfterEachMessage() {
        this.breakAfterMessage = true;
        return this;
    }

    /** The sender of {@code sessionId} is gone: a message it left part way is dropped. */
    void forget(int sessionId) {
        assemblies.remove(sessionId);
    }

    @Override
    public Action onFragment(DirectBuffer buffer, int offset, int length, Header header) {
        int sessionId = header.sessionId();
        Assembly assembly = assemblies.get(sessionId);
        if (assembly == null) {
            assembly = new Assembly();
            assemblies.put(sessionId, assembly);
        }
        byte flags = header.flags();
        boolean last = (flags & FrameDescriptor.END_FRAG_FLAG) != 0;
        if ((flags & FrameDescriptor.BEGIN_FRAG_FLAG) == 0) {
            if (assembly.skippingAeronMessage || assembly.array == null) {
                assembly.skippingAeronMessage = !last;
                return Action.CONTINUE;
            }
            return append(assembly, buffer, offset, length, sessionId, last);
        }
        String wrong = NetFrameDescriptor.checkHeader(buffer, offset, length);
        if (wrong != null) {
            assembly.drop(last);
            return fault(new CorruptedException(description + ": " + wrong + " from " + source(sessionId) + "; dropped"));
        }
        byte kind = buffer.getByte(offset + KIND_OFFSET);
        switch (kind) {
            case KIND_START:
                return start(assembly, buffer, offset, length, sessionId, last);
            case KIND_MORE:
                if (assembly.array == null) {
                    // a receiver that joined the stream part way, or the rest of a message already dropped
                    assembly.skippingAeronMessage = !last;
                    return Action.CONTINUE;
                }
                return append(assembly, buffer, offset + SHORT_HEADER_LENGTH, length - SHORT_HEADER_LENGTH, sessionId, last);
            case KIND_HELLO:
                assembly.drop(last);
                if (!last) {
                    return fault(new CorruptedException(description + ": a greeting longer than one fragment from " + source(sessionId)));
                }
                sink.onHello(buffer, offset + LONG_HEADER_LENGTH, length - LONG_HEADER_LENGTH, sessionId);
                return handedOn();
            default: // KIND_CLOSE: checkHeader admits no other
                assembly.drop(last);
                sink.onClose(sessionId);
                return handedOn();
        }
    }

    private Action start(Assembly assembly, DirectBuffer buffer, int offset, int length, int sessionId, boolean last) {
        if (!sink.hasRoom()) {
            return Action.ABORT;
        }
        assembly.drop(last); // a message still being assembled was given up by its sender
        long total = NetFrameDescriptor.totalLength(buffer, offset);
        int tag = NetFrameDescriptor.codecTag(buffer, offset);
        int part = length - LONG_HEADER_LENGTH;
        if (total < 0 || total > maxMessageBytes || total > Integer.MAX_VALUE - 8) {
            return fault(new MessageTooLargeException(description + ": " + source(sessionId) + " announced a message of "
                    + total + " bytes, above this receiver's limit of " + maxMessageBytes + " (-Dipc4j.net.maxMessageBytes); skipped"));
        }
        if (tag != codecTag) {
            return fault(new CodecMismatchException(description + ": a message from " + source(sessionId)
                    + " was encoded with another codec (tag " + tag + ", this end's is " + codecTag + "); skipped"));
        }
        if (part > total) {
            return fault(new CorruptedException(description + ": a message from " + source(sessionId) + " announced "
                    + total + " bytes and its first part holds " + part + "; dropped"));
        }
        if (part == total && last) {
            sink.onMessage(buffer, offset + LONG_HEADER_LENGTH, part, sessionId);
            return handedOn();
        }
        assembly.begin((int) total);
        return append(assembly, buffer, offset + LONG_HEADER_LENGTH, part, sessionId, last);
    }

    private Action append(Assembly assembly, DirectBuffer buffer, int offset, int length, int sessionId, boolean last) {
        if (length > assembly.total - assembly.filled) {
            assembly.drop(last);
            return fault(new CorruptedException(description + ": a message from " + source(sessionId)
                    + " carries more bytes than it announced; dropped"));
        }
        assembly.ensureRoomFor(length);
        buffer.getBytes(offset, assembly.array, assembly.filled, length);
        assembly.filled += length;
        assembly.skippingAeronMessage = false;
        if (assembly.filled < assembly.total) {
            return Action.CONTINUE;
        }
        byte[] message = assembly.array;
        assembly.array = null;
        sink.onAssembled(message, sessionId);
        return handedOn();
    }

    private Action handedOn() {
        return breakAfterMessage ? Action.BREAK : Action.CONTINUE;
    }

    private Action fault(Ipc4jException fault) {
        sink.onFault(fault);
        return handedOn();
    }

    private static String source(int sessionId) {
        return "sender session " + sessionId;
    }

    /** One sender's message in progress. */
    private static final class Assembly {
        byte[] array;
        int filled;
        int total;
        boolean skippingAeronMessage;

        void begin(int total) {
            this.total = total;
            this.filled = 0;
            this.array = new byte[Math.min(total, FIRST_ARRAY_LIMIT)];
        }

        void ensureRoomFor(int length) {
            int needed = filled + length;
            if (needed > array.length) {
                int grown = (int) Math.min(total, Math.max(needed, 2L * array.length));
                array = Arrays.copyOf(array, grown);
            }
        }

        /** Drops a message in progress; the rest of the current Aeron message is skipped unless this was its last fragment. */
        void drop(boolean lastFragment) {
            array = null;
            filled = 0;
            total = 0;
            skippingAeronMessage = !lastFragment;
        }
    }
}
