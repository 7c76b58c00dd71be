package org.ipc4j.bench.jmh;

import java.util.concurrent.TimeUnit;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Agrona counterpart of {@link PipeQueueBenchmark}: a 32-byte array copied into the ring with
 * {@code write} and out of it into a reused array by the read handler, one thread; OneToOneRingBuffer
 * beside the pipe, ManyToOneRingBuffer beside the queue, over mapped files. Same method names, so the report
 * sets them side by side.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class AgronaRingCopyBenchmark implements MessageHandler {
    private static final int CAPACITY = 64 * 1024;
    private static final int MESSAGE = 32;
    private static final int MESSAGE_TYPE = 1;

    private final byte[] incoming = new byte[MESSAGE];
    private final UnsafeBuffer outgoing = new UnsafeBuffer(new byte[MESSAGE]);
    private MappedFile oneToOneFile;
    private MappedFile manyToOneFile;
    private RingBuffer oneToOne;
    private RingBuffer manyToOne;

    @Setup
    public void open() {
        int length = CAPACITY + RingBufferDescriptor.TRAILER_LENGTH;
        oneToOneFile = new MappedFile("agrona-copy-1to1", length);
        manyToOneFile = new MappedFile("agrona-copy-nto1", length);
        oneToOne = new OneToOneRingBuffer(new UnsafeBuffer(oneToOneFile.buffer()));
        manyToOne = new ManyToOneRingBuffer(new UnsafeBuffer(manyToOneFile.buffer()));
        for (int i = 0; i < MESSAGE; i++) {
            outgoing.putByte(i, (byte) i);
        }
    }

    @TearDown
    public void close() {
        oneToOneFile.close();
        manyToOneFile.close();
    }

    @Benchmark
    public byte pipeSendBytesRecvBytesInto() {
        return writeRead(oneToOne);
    }

    @Benchmark
    public byte queueOfferPoll() {
        return writeRead(manyToOne);
    }

    /** Agrona's read always copies into the caller's array: the same work as {@link #queueOfferPoll}. */
    @Benchmark
    public byte queueOfferPollInto() {
        return writeRead(manyToOne);
    }

    private byte writeRead(RingBuffer ring) {
        if (!ring.write(MESSAGE_TYPE, outgoing, 0, MESSAGE)) {
            throw new IllegalStateException("the ring is full with one message at a time in it");
        }
        // Agrona's read counts the wrap's padding record against the limit: read until the message came
        while (ring.read(this, 1) == 0) {
            Thread.onSpinWait();
        }
        return incoming[MESSAGE - 1];
    }

    @Override
    public void onMessage(int msgTypeId, MutableDirectBuffer buffer, int index, int length) {
        buffer.getBytes(index, incoming, 0, length);
    }
}
