package org.ipc4j.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8, written straight into the destination (a short ASCII prefix through a per-thread scratch array):
 * no byte[] allocated on the way in.
 * Unpaired surrogates become '?', as {@link String#getBytes} does.
 */
final class StringCodec implements Codec<String> {
    static final StringCodec INSTANCE = new StringCodec();
    private static final long serialVersionUID = 1L;
    private static final int ASCII_SCRATCH_LENGTH = 256;
    private static final ThreadLocal<byte[]> ASCII_SCRATCH = ThreadLocal.withInitial(() -> new byte[ASCII_SCRATCH_LENGTH]);

    @Override
    public String id() {
        return "string";
    }

    @Override
    public int encodedLength(String value) {
        int length = 0;
        for (int i = 0, n = value.length(); i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                length += 1;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                length += 4;
                i++;
            } else {
                length += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return length;
    }

    @Override
    public void encode(String value, ByteBuffer dst, int offset) {
        int n = value.length();
        int i = n <= ASCII_SCRATCH_LENGTH ? copyAscii(value, dst, offset) : 0;
        int p = offset + i;
        for (; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                dst.put(p++, (byte) c);
            } else if (c < 0x800) {
                dst.put(p++, (byte) (0xC0 | (c >> 6)));
                dst.put(p++, (byte) (0x80 | (c & 0x3F)));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, value.charAt(++i));
                dst.put(p++, (byte) (0xF0 | (cp >> 18)));
                dst.put(p++, (byte) (0x80 | ((cp >> 12) & 0x3F)));
                dst.put(p++, (byte) (0x80 | ((cp >> 6) & 0x3F)));
                dst.put(p++, (byte) (0x80 | (cp & 0x3F)));
            } else if (Character.isSurrogate(c)) {
                dst.put(p++, (byte) '?');
            } else {
                dst.put(p++, (byte) (0xE0 | (c >> 12)));
                dst.put(p++, (byte) (0x80 | ((c >> 6) & 0x3F)));
                dst.put(p++, (byte) (0x80 | (c & 0x3F)));
            }
        }
    }

    /**
     * Copies the leading ASCII chars of a short string through a per-thread scratch array with one bulk put
     * (a bounds check per byte put costs more than the copy); returns how many it copied.
     */
    private static int copyAscii(String value, ByteBuffer dst, int offset) {
        byte[] scratch = ASCII_SCRATCH.get();
        int n = value.length();
        int i = 0;
        while (i < n) {
            char c = value.charAt(i);
            if (c >= 0x80) {
                break;
            }
            scratch[i++] = (byte) c;
        }
        dst.put(offset, scratch, 0, i);
        return i;
    }

    @Override
    public String decode(ByteBuffer src, int offset, int length) {
        if (src.hasArray()) {
            return new String(src.array(), src.arrayOffset() + offset, length, StandardCharsets.UTF_8);
        }
        byte[] bytes = new byte[length];
        src.get(offset, bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
