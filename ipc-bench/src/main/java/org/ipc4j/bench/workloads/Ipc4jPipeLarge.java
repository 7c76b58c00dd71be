package org.ipc4j.bench.workloads;

import java.io.EOFException;
import java.io.IOException;

import org.ipc4j.bench.data.Kind;
import org.ipc4j.bench.harness.BenchContext;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.ring.RingOptions;

/**
 * {@link LargeOneWay} through a one-way ipc4j {@link Pipe}: {@code sendBytes} / {@code poll} +
 * {@code recvBytesInto}, default (blocking) wait strategy. Messages above the ring's max message length
 * stream through the ring in fragments. The measuring JVM opens the pipe and hands each end to its worker by
 * serialising it.
 */
public abstract class Ipc4jPipeLarge extends LargeOneWay {
    private Connection receiver;
    private Connection sender;
    private Connection end;
    private boolean eof;

    protected abstract RingOptions options();

    @Override
    public Kind kind() {
        return Kind.IPC4J;
    }

    @Override
    public void create(BenchContext context) throws IOException {
        Pipe pipe = Pipe.open(false, options());
        receiver = pipe.first();
        sender = pipe.second();
        context.put("receiver", ConnectionHandover.serialise(receiver));
        context.put("sender", ConnectionHandover.serialise(sender));
    }

    @Override
    protected void attachTransport(BenchContext context, boolean producer) throws IOException, ClassNotFoundException {
        end = ConnectionHandover.attach(context.get(producer ? "sender" : "receiver"));
    }

    @Override
    protected boolean offer(byte[] message) throws InterruptedException {
        end.sendBytes(message);
        return true;
    }

    @Override
    protected int poll() throws InterruptedException {
        if (eof || !end.poll()) {
            return 0;
        }
        try {
            int length = end.recvBytesInto(inbox, 0);
            received(inbox, length);
            return length;
        } catch (EOFException e) {
            // the producer has stopped and closed its end; the coordinator stops this worker next
            eof = true;
            return 0;
        }
    }

    @Override
    public void close() {
        if (end != null) {
            end.close();
        }
        if (receiver != null) {
            sender.close();
            receiver.unlink();
            receiver.close();
        }
    }

    /** The default pipe: a 256 KiB ring per direction, 32 KiB records: anything longer goes in fragments. */
    public static final class Default extends Ipc4jPipeLarge {
        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(Pipe.DEFAULT_CAPACITY);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (default)";
        }

        @Override
        public String note() {
            return "Pipe.open(false): a 256 KiB ring, 32 KiB fragments; sendBytes / poll + recvBytesInto into the consumer's array";
        }
    }

    /** A pipe with a 4 MiB ring and 1 MiB records. */
    public static final class Ring4MiB extends Ipc4jPipeLarge {
        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(4 << 20).withMaxMessageLength(1 << 20);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (4 MiB ring)";
        }

        @Override
        public String note() {
            return "Pipe.open(false, 4 MiB ring, max record 1 MiB): 1 MiB inline, longer in 1 MiB fragments;"
                    + " sendBytes / poll + recvBytesInto";
        }
    }
}
