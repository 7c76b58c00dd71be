package org.ipc4j.net;

import java.nio.ByteOrder;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The header ipc4j puts in front of every Aeron message it sends. A user message of any length travels as one
 * {@code START} Aeron message, followed by {@code MORE} messages when it is longer than one Aeron message may
 * be ({@code Publication.maxMessageLength()}, an eighth of the term). Aeron splits each of them into MTU-sized
 * fragments and the receiver reassembles the whole user message from those fragments, copying once.
 *
 * <pre>
 *   0        2         3      4            8                    16
 *   | magic  | version | kind | codec tag  | total length (START and HELLO only)
 *   +--------+---------+------+------------+--------------------+------------------------
 *   | 0x4A49 |    1    | 1..4 | id hash    | long, little-endian| payload (the first part)
 * </pre>
 *
 * <ul>
 *   <li>{@code START}: the first part of a user message; the total length is checked against the receiver's
 *       limit before anything is allocated.</li>
 *   <li>{@code MORE}: the next part; only valid while a message is being assembled. A {@code START} while
 *       one is being assembled means the sender gave up on it (a timed send ran out): the part is dropped.</li>
 *   <li>{@code HELLO}: the first message on a pipe: the payload is the dialler's reply endpoint and codec id.</li>
 *   <li>{@code CLOSE}: the sender closed its end; nothing follows.</li>
 * </ul>
 * The codec tag is the hash of the sender's {@link org.ipc4j.codec.Codec#id()}: a receiver with another codec
 * refuses the element with a typed error instead of decoding garbage. Every message carries it, so a receiver
 * that joins a stream part way (a queue's consumer restarted) checks the codec without a handshake.
 */
final class NetFrameDescriptor {
    static final short MAGIC = 0x4A49;
    static final ByteOrder ORDER = ByteOrder.LITTLE_ENDIAN;
    static final byte VERSION = 1;

    static final byte KIND_START = 1;
    static final byte KIND_MORE = 2;
    static final byte KIND_HELLO = 3;
    static final byte KIND_CLOSE = 4;

    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 2;
    static final int KIND_OFFSET = 3;
    static final int CODEC_TAG_OFFSET = 4;
    static final int TOTAL_LENGTH_OFFSET = 8;

    /** Length of the header of MORE and CLOSE. */
    static final int SHORT_HEADER_LENGTH = 8;
    /** Length of the header of START and HELLO. */
    static final int LONG_HEADER_LENGTH = 16;

    private NetFrameDescriptor() {
    }

    static int codecTag(String codecId) {
        return codecId.hashCode();
    }

    /** Writes a header; little-endian whatever the host, as the two ends may be different machines. */
    static void write(MutableDirectBuffer header, byte kind, int codecTag, long totalLength) {
        header.putShort(MAGIC_OFFSET, MAGIC, ORDER);
        header.putByte(VERSION_OFFSET, VERSION);
        header.putByte(KIND_OFFSET, kind);
        header.putInt(CODEC_TAG_OFFSET, codecTag, ORDER);
        header.putLong(TOTAL_LENGTH_OFFSET, totalLength, ORDER);
    }

    static int codecTag(DirectBuffer frame, int offset) {
        return frame.getInt(offset + CODEC_TAG_OFFSET, ORDER);
    }

    static long totalLength(DirectBuffer frame, int offset) {
        return frame.getLong(offset + TOTAL_LENGTH_OFFSET, ORDER);
    }

    static int headerLength(byte kind) {
        return kind == KIND_START || kind == KIND_HELLO ? LONG_HEADER_LENGTH : SHORT_HEADER_LENGTH;
    }

    /** Null if the frame's header is well formed, else what is wrong with it. */
    static String checkHeader(DirectBuffer buffer, int offset, int length) {
        if (length < SHORT_HEADER_LENGTH) {
            return "a frame of " + length + " bytes, shorter than the " + SHORT_HEADER_LENGTH + "-byte header";
        }
        short magic = buffer.getShort(offset + MAGIC_OFFSET, ORDER);
        if (magic != MAGIC) {
            return String.format("a frame with magic 0x%04x, not ipc4j's 0x%04x", magic & 0xFFFF, MAGIC);
        }
        byte version = buffer.getByte(offset + VERSION_OFFSET);
        if (version != VERSION) {
            return "a frame of protocol version " + version + ", this ipc4j speaks " + VERSION;
        }
        byte kind = buffer.getByte(offset + KIND_OFFSET);
        if (kind < KIND_START || kind > KIND_CLOSE) {
            return "a frame of unknown kind " + kind;
        }
        if (length < headerLength(kind)) {
            return "a frame of kind " + kind + " and " + length + " bytes, shorter than its header";
        }
        return null;
    }
}
