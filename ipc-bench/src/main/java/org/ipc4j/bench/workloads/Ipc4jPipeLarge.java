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
 * {@code recvBytesInto}, default (blocking) wait strategy. The measuring JVM opens the pipe and hands each end
 * to its worker by serialising it.
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
    protected boolean offer() throws InterruptedException {
        end.sendBytes(payload, 0, SIZE);
        return true;
    }

    @Override
    protected int poll() throws InterruptedException {
        if (eof || !end.poll()) {
            return 0;
        }
        try {
            received(inbox, end.recvBytesInto(inbox, 0));
            return 1;
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

    /** The default pipe: a 256 KiB ring per direction, so a 1 MiB message travels in a MessageBlock region. */
    public static final class Blocks extends Ipc4jPipeLarge {
        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(Pipe.DEFAULT_CAPACITY).withMaxCount(8);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (1 MiB in a MessageBlock)";
        }

        @Override
        public String note() {
            return "Pipe.open(false, 256 KiB ring, at most 8 messages in flight); each 1 MiB message is a block region"
                    + " created by the sender and unlinked by the receiver; sendBytes / poll + recvBytesInto";
        }
    }

    /** A pipe whose 4 MiB ring takes 1 MiB messages inline. */
    public static final class Inline extends Ipc4jPipeLarge {
        @Override
        protected RingOptions options() {
            return RingOptions.ofCapacity(4 << 20).withMaxMessageLength(SIZE);
        }

        @Override
        public String implementation() {
            return "ipc4j Pipe (4 MiB ring, inline)";
        }

        @Override
        public String note() {
            return "Pipe.open(false, 4 MiB ring, max inline message 1 MiB); sendBytes copies into the ring,"
                    + " poll + recvBytesInto copies out";
        }
    }
}
