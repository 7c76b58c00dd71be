package org.ipc4j.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.ipc4j.errors.CorruptedException;
import org.junit.jupiter.api.Test;

class CodecsTest {

    private static <E> E roundTrip(Codec<E> codec, E value) {
        int length = codec.encodedLength(value);
        ByteBuffer buffer = ByteBuffer.allocateDirect(length + 16);
        codec.encode(value, buffer, 7);
        assertEquals(0, buffer.position(), "absolute writes leave the position alone");
        return codec.decode(buffer, 7, length);
    }

    @Test
    void stringsAreUtf8ForEveryKindOfCharacter() {
        for (String s : List.of("", "ascii", "Grüße", "进程与线程", "emoji \uD83D\uDE00 ok", "x".repeat(10_000),
                "a".repeat(255) + "é", "a".repeat(256) + "é")) {
            assertEquals(s.getBytes(StandardCharsets.UTF_8).length, Codecs.strings().encodedLength(s), s);
            assertEquals(s, roundTrip(Codecs.strings(), s));
        }
        assertEquals("?a", roundTrip(Codecs.strings(), "\uD83Da"), "an unpaired surrogate becomes '?'");
    }

    @Test
    void bytesBuffersAndPrimitivesRoundTrip() {
        assertArrayEquals(new byte[] {1, 2, 3}, roundTrip(Codecs.bytes(), new byte[] {1, 2, 3}));
        assertEquals(ByteBuffer.wrap(new byte[] {9, 8}), roundTrip(Codecs.byteBuffers(), ByteBuffer.wrap(new byte[] {9, 8})));
        assertEquals(-5, roundTrip(Codecs.ints(), -5));
        assertEquals(Long.MIN_VALUE, roundTrip(Codecs.longs(), Long.MIN_VALUE));
        assertEquals(2.5, roundTrip(Codecs.doubles(), 2.5));
        assertEquals(true, roundTrip(Codecs.booleans(), true));
    }

    @Test
    void serializableFallbackCarriesObjectGraphs() {
        Map<String, List<Integer>> value = Map.of("a", List.of(1, 2), "b", List.of());
        assertEquals(value, roundTrip(Codecs.serializable(), value));
        assertThrows(IllegalArgumentException.class, () -> Codecs.serializable().encodedLength(new Object()));
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {1, 2, 3, 4});
        assertThrows(CorruptedException.class, () -> Codecs.serializable().decode(garbage, 0, 4));
    }

    @Test
    void taggedObjectsKeepTheirTypesAndTheCommonOnesAreCompact() {
        Codec<Object> codec = Codecs.objects();
        for (Object value : List.of(42, -7L, 2.5, true, "Grüße", Map.of("a", List.of(1, 2)), List.of("x"))) {
            Object back = roundTrip(codec, value);
            assertEquals(value, back);
            assertEquals(value.getClass(), back.getClass());
        }
        assertArrayEquals(new byte[] {4, 5}, (byte[]) roundTrip(codec, new byte[] {4, 5}));
        assertEquals(5, codec.encodedLength(42), "a tag and four bytes");
        assertEquals(1 + "Grüße".getBytes(StandardCharsets.UTF_8).length, codec.encodedLength("Grüße"));
        assertTrue(Codecs.serializable().encodedLength(42) > 50, "Java serialisation writes class descriptors");
        assertThrows(CorruptedException.class, () -> codec.decode(ByteBuffer.wrap(new byte[] {9, 0}), 0, 2), "unknown tag");
        assertThrows(CorruptedException.class, () -> codec.decode(ByteBuffer.allocate(4), 0, 0), "no tag");
        assertThrows(CorruptedException.class, () -> codec.decode(ByteBuffer.wrap(new byte[] {1, 0}), 0, 2), "a short int");
        assertThrows(IllegalArgumentException.class, () -> codec.encodedLength(new Object()), "not Serializable");
    }

    @Test
    void fixedSizeCodecsRefuseWrongLengths() {
        assertThrows(CorruptedException.class, () -> Codecs.longs().decode(ByteBuffer.allocate(16), 0, 3));
    }

    @Test
    void lookupByIdAndClassFindTheBuiltIns() throws Exception {
        for (Codec<?> codec : List.of(Codecs.bytes(), Codecs.strings(), Codecs.byteBuffers(), Codecs.ints(), Codecs.longs(),
                Codecs.doubles(), Codecs.booleans(), Codecs.serializable(), Codecs.objects())) {
            assertSame(codec, Codecs.byId(codec.id()));
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(codec);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertSame(codec, in.readObject(), "codecs travel to child processes as the same singleton");
            }
        }
        assertSame(Codecs.strings(), Codecs.forClass(String.class));
        assertSame(Codecs.serializable(), Codecs.forClass(java.util.ArrayList.class));
    }
}
