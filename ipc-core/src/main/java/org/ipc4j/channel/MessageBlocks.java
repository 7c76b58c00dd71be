package org.ipc4j.channel;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ipc4j.codec.Codec;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.TypeMismatchException;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.RegionDirectory;
import org.ipc4j.region.RegionHeaderDescriptor;
import org.ipc4j.region.RegionNames;
import org.ipc4j.ring.Ring;

/**
 * Messages too large for a ring travel in a region of their own (a {@link ObjectType#MESSAGE_BLOCK})
 * whose name is the record's payload. Blocks are named {@code <owner>.blk-<16 hex digits>}, so unlinking
 * the owner finds and removes the blocks of messages nobody took. The reader unlinks a block once read.
 */
final class MessageBlocks {
    private static final String INFIX = ".blk-";
    private static final int SUFFIX_DIGITS = 16;

    private final String owner;
    private final String prefix;
    private final Pattern pattern;

    MessageBlocks(String owner) {
        this.owner = owner;
        this.prefix = owner.length() + INFIX.length() + SUFFIX_DIGITS <= RegionNames.MAX_LENGTH ? owner + INFIX
                : owner.substring(0, 100) + "-" + Integer.toHexString(owner.hashCode()) + INFIX;
        this.pattern = Pattern.compile(Pattern.quote(prefix) + "[0-9a-f]{" + SUFFIX_DIGITS + "}");
    }

    /** Creates a block holding {@code value} encoded in {@code length} bytes; returns its name. */
    <E> String write(Codec<E> codec, E value, int length) {
        String name = prefix + String.format("%016x", ThreadLocalRandom.current().nextLong());
        Region.create(name, ObjectType.MESSAGE_BLOCK, length,
                memory -> codec.encode(value, memory.slice(RegionHeaderDescriptor.HEADER_LENGTH, length), 0)).close();
        return name;
    }

    /** Decodes the block {@code name}, unlinking it if {@code consume}. */
    <E> E read(String name, Codec<E> codec, boolean consume) {
        if (!pattern.matcher(name).matches()) {
            throw new CorruptedException("'" + owner + "': a record names block '" + name + "', which is not one of its blocks");
        }
        Region region = Region.open(name, ObjectType.MESSAGE_BLOCK);
        try {
            ByteBuffer body = region.bytes().slice(region.bodyOffset(), region.bodyLength());
            return codec.decode(body, 0, region.bodyLength());
        } finally {
            if (consume) {
                region.unlink();
            }
            region.close();
        }
    }

    void discard(String name) {
        try {
            Files.deleteIfExists(RegionDirectory.current().resolve(name));
        } catch (IOException ignored) {
            // best effort while failing for another reason
        }
    }

    /** Removes every block of this owner still in the directory (messages nobody took). */
    void unlinkAll() {
        Path dir = RegionDirectory.current();
        List<String> names;
        try (Stream<Path> files = Files.list(dir)) {
            names = files.map(p -> p.getFileName().toString()).filter(n -> pattern.matcher(n).matches()).collect(Collectors.toList());
        } catch (IOException e) {
            return;
        }
        for (String name : names) {
            try (Region block = Region.open(name, ObjectType.MESSAGE_BLOCK)) {
                block.unlink();
            } catch (TypeMismatchException notABlock) {
                // a user object that happens to match the pattern: leave it
            } catch (Ipc4jException halfMadeOrBroken) {
                discard(name);
            }
        }
    }

    /** Bytes a block reference takes in a ring record. */
    static int referenceLength(String name) {
        return name.length();
    }

    static void writeReference(Ring ring, int offset, String name) {
        ring.buffer().put(offset, name.getBytes(StandardCharsets.US_ASCII));
    }

    static String readReference(String owner, ByteBuffer buffer, int offset, int length) {
        if (length < 1 || length > RegionNames.MAX_LENGTH) {
            throw new CorruptedException("'" + owner + "': a block reference of " + length + " bytes");
        }
        byte[] name = new byte[length];
        buffer.get(offset, name);
        return new String(name, StandardCharsets.US_ASCII);
    }
}
