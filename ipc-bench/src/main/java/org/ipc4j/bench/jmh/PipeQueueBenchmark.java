package org.ipc4j.bench.jmh;

import java.io.EOFException;
import java.util.concurrent.TimeUnit;

import org.ipc4j.channel.ByteQueueReader;
import org.ipc4j.channel.Connection;
import org.ipc4j.channel.Pipe;
import org.ipc4j.channel.SharedQueue;
import org.ipc4j.codec.Codecs;
import org.ipc4j.region.RegionNames;
import org.ipc4j.ring.RingOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One 32-byte message through the APIs users call, in one thread: a one-way {@link Pipe}'s
 * {@code sendBytes(byte[], 0, 32)} + {@code recvBytesInto(byte[])}, and a {@code SharedQueue<byte[]>}'s
 * {@code offer(byte[32])} + {@code poll()} (and into a caller's array through a {@link ByteQueueReader}), both over 64 KiB rings with the default options. Run with
 * {@code -prof gc}: the pipe's buffer path must read 0 B/op; the queue's poll returns a new array per element.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class PipeQueueBenchmark {
    private static final int CAPACITY = 64 * 1024;
    private static final int MESSAGE = 32;

    private final byte[] outgoing = new byte[MESSAGE];
    private final byte[] incoming = new byte[MESSAGE];
    private Connection receiver;
    private Connection sender;
    private SharedQueue<byte[]> queue;
    private ByteQueueReader queueReader;

    @Setup(Level.Trial)
    public void open() {
        Pipe pipe = Pipe.open(false, RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        receiver = pipe.first();
        sender = pipe.second();
        queue = SharedQueue.create(RegionNames.anonymous(), RingOptions.ofCapacity(CAPACITY), Codecs.bytes());
        queueReader = ByteQueueReader.of(queue);
        for (int i = 0; i < MESSAGE; i++) {
            outgoing[i] = (byte) i;
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        // closing both ends of a pipe removes its file
        sender.close();
        receiver.close();
        queue.unlink();
        queue.close();
    }

    @Benchmark
    public byte pipeSendBytesRecvBytesInto() throws InterruptedException, EOFException {
        sender.sendBytes(outgoing, 0, MESSAGE);
        receiver.recvBytesInto(incoming);
        return incoming[MESSAGE - 1];
    }

    @Benchmark
    public byte queueOfferPoll() {
        if (!queue.offer(outgoing)) {
            throw new IllegalStateException("the queue is full with one element at a time in it");
        }
        byte[] element = queue.poll();
        if (element == null) {
            throw new IllegalStateException("the element offered is not there");
        }
        return element[MESSAGE - 1];
    }

    /** The queue's buffer path: {@code offer(byte[])} and a {@link ByteQueueReader} into a reused array (0 B/op). */
    @Benchmark
    public byte queueOfferPollInto() {
        if (!queue.offer(outgoing)) {
            throw new IllegalStateException("the queue is full with one element at a time in it");
        }
        if (queueReader.pollInto(incoming, 0) != MESSAGE) {
            throw new IllegalStateException("the element offered is not there");
        }
        return incoming[MESSAGE - 1];
    }
}
