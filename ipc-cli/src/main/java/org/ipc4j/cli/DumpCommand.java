package org.ipc4j.cli;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codec;
import org.ipc4j.region.ObjectType;

import org.ipc4j.errors.ObjectNotFoundException;
import org.ipc4j.region.RegionInfo;
import org.ipc4j.region.RegionNames;
import org.ipc4j.region.ResourceTracker;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "dump", description = "Print the messages waiting in a queue without taking them (hex and decoded).")
final class DumpCommand implements Callable<Integer> {
    @ParentCommand
    Ipc4jCommand top;

    @Parameters(paramLabel = "NAME")
    String name;

    @Override
    public Integer call() throws Exception {
        RegionNames.validate(name);
        RegionInfo info = ResourceTracker.inspect(top.directory().resolve(name))
                .orElseThrow(() -> new ObjectNotFoundException("no object named '" + name + "' in " + top.directory()));
        if (info.type() != ObjectType.QUEUE) {
            System.err.println("ipc4j: '" + name + "' is a " + LsCommand.typeName(info) + "; dump reads queues only");
            return Ipc4jCommand.EXIT_USAGE;
        }
        List<Object> messages = new ArrayList<>();
        try (SharedQueue<Object> queue = SharedQueue.open(name)) {
            Codec<Object> codec = queue.codec();
            int index = 0;
            for (Object element : queue) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("index", index++);
                ByteBuffer bytes = ByteBuffer.allocate(codec.encodedLength(element));
                codec.encode(element, bytes, 0);
                message.put("bytes", bytes.capacity());
                message.put("hex", HexFormat.of().formatHex(bytes.array(), 0, Math.min(bytes.capacity(), HEX_BYTES)));
                message.put("decoded", String.valueOf(element));
                messages.add(message);
            }
        }
        if (top.json) {
            System.out.println(Json.write(messages));
        } else {
            for (Object m : messages) {
                Map<?, ?> message = (Map<?, ?>) m;
                System.out.printf("#%s %s bytes  %s  %s%n", message.get("index"), message.get("bytes"), message.get("hex"),
                        message.get("decoded"));
            }
        }
        return 0;
    }

    /** Bytes of each message shown in hex. */
    private static final int HEX_BYTES = 32;
}
