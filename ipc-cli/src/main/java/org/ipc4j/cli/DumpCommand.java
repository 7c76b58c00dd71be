package org.ipc4j.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ipc4j.channel.PipeInspection;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.region.ObjectType;

import org.ipc4j.region.RegionInfo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "dump", description = "Print the messages waiting in a queue or pipe without taking them (hex and decoded).")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        RegionInfo info = StatCommand.find(top.directory(), name);
        List<Object> messages = new ArrayList<>();
        if (info.type() == ObjectType.QUEUE) {
            try (SharedQueue<Object> queue = SharedQueue.open(name)) {
                for (Object element : queue) {
                    messages.add(message(messages.size(), null, element, queue.codec()));
                }
            }
        } else if (info.type() == ObjectType.PIPE) {
            PipeInspection.Snapshot pipe = PipeInspection.inspect(name);
            @SuppressWarnings("unchecked")
            Codec<Object> codec = (Codec<Object>) (Codecs.byId(pipe.codecId()) != null ? Codecs.byId(pipe.codecId()) : Codecs.bytes());
            for (Object element : pipe.toEnd0()) {
                messages.add(message(messages.size(), "to end 0", element, codec));
            }
            for (Object element : pipe.toEnd1()) {
                messages.add(message(messages.size(), "to end 1", element, codec));
            }
        } else {
            System.err.println("ipc4j: '" + name + "' is a " + LsCommand.typeName(info) + "; dump reads queues and pipes");
            return Ipc4jCommand.EXIT_USAGE;
        }
        if (top.json) {
            System.out.println(Json.write(messages));
        } else {
            for (Object m : messages) {
                Map<?, ?> message = (Map<?, ?>) m;
                System.out.printf("#%s %s%s bytes  %s  %s%n", message.get("index"),
                        message.containsKey("direction") ? message.get("direction") + "  " : "", message.get("bytes"),
                        message.get("hex"), message.get("decoded"));
            }
        }
        return 0;
    }

    private static Map<String, Object> message(int index, String direction, Object element, Codec<Object> codec) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("index", index);
        if (direction != null) {
            message.put("direction", direction);
        }
        ByteBuffer bytes = ByteBuffer.allocate(codec.encodedLength(element));
        codec.encode(element, bytes, 0);
        message.put("bytes", bytes.capacity());
        message.put("hex", HexFormat.of().formatHex(bytes.array(), 0, Math.min(bytes.capacity(), HEX_BYTES)));
        message.put("decoded", element instanceof byte[] raw ? HexFormat.of().formatHex(raw) : String.valueOf(element));
        return message;
    }

    /** Bytes of each message shown in hex. */
    private static final int HEX_BYTES = 32;
}
