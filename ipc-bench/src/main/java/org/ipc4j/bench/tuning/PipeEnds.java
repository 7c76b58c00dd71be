package org.ipc4j.bench.tuning;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Base64;

import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.ring.RingOptions;

/**
 * A pipe between the measuring JVM and its peer, as users pass one: the measuring side opens it and hands
 * the second end over by serialising it. Ring options come from the context: {@code capacity} (bytes per
 * direction, default Pipe's 256 KiB), {@code inline} (largest message kept inline, default the ring's), and
 * {@code wakeups} (default true).
 */
final class PipeEnds implements AutoCloseable {
    private Connection own;
    private Connection handedOver;

    /** Measuring side: opens the pipe; the peer's end goes into the context as "connection". */
    static PipeEnds create(BenchContext context, boolean duplex) throws IOException {
        PipeEnds ends = new PipeEnds();
        Pipe pipe = Pipe.open(duplex, options(context));
        ends.own = pipe.first();
        ends.handedOver = pipe.second();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(ends.handedOver);
        }
        context.put("connection", Base64.getEncoder().encodeToString(bytes.toByteArray()));
        return ends;
    }

    /** Peer side: attaches to the end handed over. */
    static PipeEnds attach(BenchContext context) throws IOException, ClassNotFoundException {
        PipeEnds ends = new PipeEnds();
        byte[] bytes = Base64.getDecoder().decode(context.get("connection"));
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            ends.own = (Connection) in.readObject();
        }
        return ends;
    }

    static RingOptions options(BenchContext context) {
        int capacity = Integer.parseInt(property(context, "capacity", Integer.toString(Pipe.DEFAULT_CAPACITY)));
        RingOptions options = RingOptions.ofCapacity(capacity);
        String inline = property(context, "inline", "");
        if (!inline.isEmpty()) {
            options = options.withMaxMessageLength(Integer.parseInt(inline));
        }
        return options.withWakeups(Boolean.parseBoolean(property(context, "wakeups", "true")));
    }

    static String property(BenchContext context, String key, String fallback) {
        return context.properties().getOrDefault(key, fallback);
    }

    Connection own() {
        return own;
    }

    @Override
    public void close() {
        if (handedOver != null) {
            handedOver.close();
        }
        if (own != null) {
            if (handedOver != null) {
                own.unlink();
            }
            own.close();
        }
    }
}
