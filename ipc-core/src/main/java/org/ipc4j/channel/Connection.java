package org.ipc4j.channel;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BrokenPipeException;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.WrongDirectionException;
import org.ipc4j.memory.MappedBytes;
import org.ipc4j.region.ObjectType;
import org.ipc4j.region.Region;
import org.ipc4j.region.SharedObject;
import org.ipc4j.ring.RecordDescriptor;
import org.ipc4j.ring.RecordHandler;
import org.ipc4j.ring.Ring;
import org.ipc4j.ring.RingDescriptor;
import org.ipc4j.ring.RingPeers;
import org.ipc4j.ring.SpscRing;
import org.ipc4j.wait.Readiness;
import org.ipc4j.wait.WaitSet;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;
import org.ipc4j.wait.Waitable;

/**
 * One end of a {@link Pipe}, Python's {@code Connection}. Used by one thread at a time (as in Python).
 *
 * <p>The pipe records which process holds each end; one process at a time does. When the other end is
 * closed or its holder died, {@link #recv()} still returns everything already sent and then throws
 * {@link EOFException}; a send then throws {@link BrokenPipeException} (a peer that died is noticed by a
 * send within 64 sends and 20 ms, by a waiting send or receive as soon as its exit is reported, or within
 * 20 ms where exits are not reported, see {@link org.ipc4j.os.ExitWatch}). Delivery: a message whose send
 * returned is received once, whole; a sender killed part way through a long message leaves none of it; a
 * receiver killed while receiving loses at most that message.
 *
 * <p>Serialising an end hands it over: it is in transit until the receiving process attaches it, and counts
 * as alive meanwhile, for {@code -Dipc4j.pipeHandoverMillis} (default 10 000) from when the other end first
 * sees it in transit. An end handed to a process named by {@link PipeHandover} (as {@code JvmProcess} names
 * its child) counts as alive for as long as that process runs, and for that bound after. Then the other end
 * gives it up: its {@code recv()} ends with {@link EOFException} and a late attach fails with
 * {@link BrokenPipeException}. So a receiver that died before attaching (or was never started) does not
 * leave the other end waiting forever, and a live one that is slow to start is not given up.
 */
public final class Connection extends SharedObject implements Waitable {
    private static final long serialVersionUID = 1L;

    private final transient int end;
    private final transient EndLine own;
    private final transient PeerEnd peer;
    /** The other end's state for the wait loops, and this end closed by another thread, which ends them too. */
    private final transient RingPeers peers = new RingPeers() {
        @Override
        public int state() {
            return isClosed() ? RingPeers.NO_NEW_CLAIMS : peer.state();
        }

        @Override
        public int stateNow() {
            return isClosed() ? RingPeers.NO_NEW_CLAIMS : peer.stateNow();
        }

        @Override
        public long processToFollow() {
            return peer.processToFollow();
        }

        @Override
        public long checkIntervalNanos() {
            return peer.checkIntervalNanos();
        }
    };
    private final transient SpscRing incoming;
    private final transient SpscRing outgoing;
    private final transient Codec<Object> codec;
    private final transient Receiver<Object> objects;
    private final transient Receiver<byte[]> bytes;
    private final transient BytesInto into;
    private final transient long self;
    private transient WaitStrategy strategy = WaitStrategies.defaultStrategy();
    /** Sends since the last look at the peer's liveness (see writableRing). */
    private transient int sendsSinceCheck;
    /** This object holds the end: it attached it, or its process created the pipe, and has not handed it over. */
    private transient boolean holding;

    /** An end over {@code region}; {@code held} if this process holds it already (it created the pipe). */
    @SuppressWarnings("unchecked")
    Connection(Region region, int end, boolean held, Codec<?> codec) {
        super(region);
        this.end = end;
        this.holding = held;
        MappedBytes memory = region.bytes();
        int body = region.bodyOffset();
        String name = region.name();
        if (region.bodyLength() < PipeDescriptor.RING_A_OFFSET + RingDescriptor.DATA_OFFSET
                || memory.getInt(body + PipeDescriptor.MAGIC_OFFSET) != PipeDescriptor.MAGIC) {
            throw new CorruptedException("'" + name + "' does not hold a pipe: bad pipe magic");
        }
        CodecIds.check(name, CodecIds.read(name, memory, body + PipeDescriptor.CODEC_ID_OFFSET), codec);
        boolean duplex = (memory.getInt(body + PipeDescriptor.FLAGS_OFFSET) & PipeDescriptor.FLAG_DUPLEX) != 0;
        SpscRing ringA = new SpscRing(name, memory, body + PipeDescriptor.RING_A_OFFSET, region.processes());
        SpscRing ringB = duplex ? new SpscRing(name, memory, body + PipeDescriptor.ringBOffset(ringA.capacity()), region.processes()) : null;
        this.incoming = end == 0 ? ringA : ringB;
        this.outgoing = end == 0 ? ringB : ringA;
        this.self = region.processes().self();
        this.own = new EndLine(name, end, memory, body, region.processes());
        this.peer = new PeerEnd(new EndLine(name, 1 - end, memory, body, region.processes()));
        this.codec = (Codec<Object>) codec;
        this.objects = new Receiver<>(name, this.codec);
        this.bytes = new Receiver<>(name, Codecs.bytes());
        this.into = new BytesInto("pipe", name, incoming == null ? null : incoming.memory());
    }

    /** Attaches end {@code end} of pipe {@code name} in this process (see {@link Pipe#openEnd}). */
    static Connection attach(String name, int end, Codec<?> codec) {
        checkEnd(name, end);
        return take(Region.open(name, ObjectType.PIPE).buildOrClose(region -> new Connection(region, end, false, codec)));
    }

    /** As {@link #attach(String, int, Codec)} with the built-in codec whose id the pipe stores. */
    static Connection attach(String name, int end) {
        checkEnd(name, end);
        return take(Region.open(name, ObjectType.PIPE).buildOrClose(region -> new Connection(region, end, false,
                CodecIds.builtIn(name, CodecIds.read(name, region.bytes(), region.bodyOffset() + PipeDescriptor.CODEC_ID_OFFSET)))));
    }

    private static void checkEnd(String name, int end) {
        if (end != 0 && end != 1) {
            throw new IllegalArgumentException("pipe '" + name + "' has ends 0 and 1, not " + end);
        }
    }

    private static Connection take(Connection connection) {
        try {
            connection.own.attach(connection.self);
            connection.holding = true;
            return connection;
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** Uses {@code waitStrategy} for this end's blocking calls; busy-spin for pipes made without wakeups. */
    public Connection withWaitStrategy(WaitStrategy waitStrategy) {
        this.strategy = waitStrategy;
        return this;
    }

    public boolean readable() {
        return incoming != null;
    }

    public boolean writable() {
        return outgoing != null;
    }

    // ---- sending

    /**
     * Sends {@code value} through the pipe's codec (Java serialisation by default); blocks while the pipe is
     * full. A value whose encoding is longer than the ring's max message length is encoded into an array
     * first and goes in fragments (see {@link Pipe}).
     */
    public void send(Object value) throws InterruptedException {
        sendWithin(value, Ring.NO_DEADLINE);
    }

    /**
     * As {@link #send(Object)}, waiting at most {@code timeout} for room: {@link TimeoutException} if the pipe
     * stayed too full, and then nothing of the value was sent (a message in fragments is abandoned whole).
     */
    public void send(Object value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        if (!sendWithin(value, WaitStrategies.deadline(timeout, unit))) {
            throw sendTimedOut(timeout, unit);
        }
    }

    private boolean sendWithin(Object value, long deadlineNanos) throws InterruptedException {
        Ring ring = writableRing();
        int length = codec.encodedLength(value);
        if (length > ring.maxMessageLength()) {
            MessageLimit.check("pipe '" + name() + "'", length);
            byte[] encoded = new byte[length];
            codec.encode(value, ByteBuffer.wrap(encoded), 0);
            return sendLong(ByteBuffer.wrap(encoded), 0, length, deadlineNanos);
        }
        int offset = claim(length, RecordDescriptor.TYPE_DATA, deadlineNanos);
        if (offset == Ring.FULL) {
            return false;
        }
        boolean written = false;
        try {
            codec.encode(value, ring.buffer(), offset);
            written = true;
        } finally {
            // any Throwable from the codec (an Error too) gives the claim up: a claim left open blocks the reader
            if (written) {
                ring.commit(offset);
            } else {
                ring.abort(offset);
            }
        }
        ensureOpenAfter("send");
        return true;
    }

    public void sendBytes(byte[] message) throws InterruptedException {
        sendBytes(message, 0, message.length);
    }

    /** Sends {@code length} bytes of {@code message} from {@code offset}; allocates nothing for inline sizes. */
    public void sendBytes(byte[] message, int offset, int length) throws InterruptedException {
        sendBytesWithin(message, offset, length, Ring.NO_DEADLINE);
    }

    /** As {@link #sendBytes(byte[], int, int)}, waiting at most {@code timeout} for room: {@link TimeoutException} if nothing could be sent. */
    public void sendBytes(byte[] message, int offset, int length, long timeout, TimeUnit unit)
            throws InterruptedException, TimeoutException {
        if (!sendBytesWithin(message, offset, length, WaitStrategies.deadline(timeout, unit))) {
            throw sendTimedOut(timeout, unit);
        }
    }

    private boolean sendBytesWithin(byte[] message, int offset, int length, long deadlineNanos) throws InterruptedException {
        Ring ring = writableRing();
        if (offset < 0 || length < 0 || offset > message.length - length) {
            throw new IndexOutOfBoundsException("offset " + offset + ", length " + length + " in " + message.length + " bytes");
        }
        if (length > ring.maxMessageLength()) {
            return sendLong(ByteBuffer.wrap(message), offset, length, deadlineNanos);
        }
        int at = claim(length, RecordDescriptor.TYPE_DATA, deadlineNanos);
        if (at == Ring.FULL) {
            return false;
        }
        ring.memory().putBytes(at, message, offset, length);
        ring.commit(at);
        ensureOpenAfter("send");
        return true;
    }

    /**
     * Sends the bytes from {@code message}'s position to its limit as one message. As with
     * {@link java.nio.channels.WritableByteChannel#write}, the position then stands at the limit (the limit is
     * unchanged); if the send throws, the position is unchanged. Allocates nothing for inline sizes.
     */
    public void sendBytes(ByteBuffer message) throws InterruptedException {
        Ring ring = writableRing();
        int from = message.position();
        int length = message.remaining();
        if (length > ring.maxMessageLength()) {
            sendLong(message, from, length, Ring.NO_DEADLINE);
        } else {
            int at = claim(length, RecordDescriptor.TYPE_DATA, Ring.NO_DEADLINE);
            ring.buffer().put(at, message, from, length);
            ring.commit(at);
        }
        message.position(from + length);
        ensureOpenAfter("send");
    }

    private TimeoutException sendTimedOut(long timeout, TimeUnit unit) {
        return new TimeoutException("pipe '" + name() + "': no room for the message within " + timeout + " "
                + unit.toString().toLowerCase(Locale.ROOT) + "; nothing of it was sent");
    }

    /**
     * A message longer than the ring's max message length, in fragments; nothing is sent if it is above the
     * limit, and nothing is delivered of one the deadline cut short (false).
     */
    private boolean sendLong(ByteBuffer source, int offset, int length, long deadlineNanos) throws InterruptedException {
        MessageLimit.check("pipe '" + name() + "'", length);
        int sent = outgoing.send(source, offset, length, deadlineNanos, strategy, peers);
        if (sent == Ring.END) {
            ensureOpen(); // closed by another thread meanwhile
            throw new BrokenPipeException("pipe '" + name() + "': the other end " + peer.knownGone());
        }
        if (sent == Ring.FULL) {
            return false;
        }
        ensureOpenAfter("send");
        return true;
    }

    private Ring writableRing() {
        ensureOpen();
        if (outgoing == null) {
            throw new WrongDirectionException("pipe '" + name() + "': this end only receives (one-way pipe)");
        }
        // a dead peer is looked for every 64th send (and its liveness read at most every 20 ms), a closed one
        // on every send: sends to a peer known gone fail at once
        String gone = peer.knownGone();
        if (gone == null && ((++sendsSinceCheck & 63) == 0 || peer.isClosed())) {
            gone = peer.gone();
        }
        if (gone != null) {
            throw new BrokenPipeException("pipe '" + name() + "': the other end " + gone);
        }
        return outgoing;
    }

    /** The offset of a claim for {@code length} bytes, or {@link Ring#FULL} if there was no room by the deadline. */
    private int claim(int length, int type, long deadlineNanos) throws InterruptedException {
        int offset = outgoing.tryClaim(length, type);
        if (offset == Ring.FULL && deadlineNanos != Ring.NO_WAIT) {
            offset = outgoing.claim(length, type, deadlineNanos, strategy, peers);
            if (offset == Ring.END) {
                ensureOpen();
                throw new BrokenPipeException("pipe '" + name() + "': the other end " + peer.knownGone());
            }
        }
        return offset;
    }

    // ---- receiving

    /** The next object sent; {@link EOFException} once the other end is gone and everything was received. */
    public Object recv() throws EOFException, InterruptedException {
        await(objects, true);
        return objects.single();
    }

    /**
     * As {@link #recv()}, waiting at most {@code timeout}: {@link TimeoutException} if no message came by then
     * (a message that comes later is there for the next call). Allocates nothing but the value for inline sizes.
     */
    public Object recv(long timeout, TimeUnit unit) throws EOFException, InterruptedException, TimeoutException {
        awaitWithin(objects, timeout, unit);
        return objects.single();
    }

    public byte[] recvBytes() throws EOFException, InterruptedException {
        await(bytes, true);
        return bytes.single();
    }

    /** As {@link #recvBytes()}, waiting at most {@code timeout}: {@link TimeoutException} if no message came by then. */
    public byte[] recvBytes(long timeout, TimeUnit unit) throws EOFException, InterruptedException, TimeoutException {
        awaitWithin(bytes, timeout, unit);
        return bytes.single();
    }

    private void awaitWithin(RecordHandler handler, long timeout, TimeUnit unit)
            throws EOFException, InterruptedException, TimeoutException {
        if (!await(handler, true, WaitStrategies.deadline(timeout, unit))) {
            throw new TimeoutException("pipe '" + name() + "': no message within " + timeout + " "
                    + unit.toString().toLowerCase(Locale.ROOT));
        }
    }

    /**
     * Receives into {@code buffer} from {@code offset}; returns the length. Allocates nothing for inline sizes;
     * a message that does not fit is received all the same and carried by the {@link BufferTooShortException}.
     */
    public int recvBytesInto(byte[] buffer, int offset) throws EOFException, InterruptedException {
        into.into(buffer, offset);
        try {
            await(into, true);
            return into.finish();
        } finally {
            into.release();
        }
    }

    public int recvBytesInto(byte[] buffer) throws EOFException, InterruptedException {
        return recvBytesInto(buffer, 0);
    }

    /** As {@link #recvBytesInto(byte[], int)}, waiting at most {@code timeout}: {@link TimeoutException} if no message came. */
    public int recvBytesInto(byte[] buffer, int offset, long timeout, TimeUnit unit)
            throws EOFException, InterruptedException, TimeoutException {
        into.into(buffer, offset);
        try {
            awaitWithin(into, timeout, unit);
            return into.finish();
        } finally {
            into.release();
        }
    }

    /**
     * Receives one message into {@code buffer} at its position and advances the position past it (as
     * {@link java.nio.channels.ReadableByteChannel#read} does); returns its length. A message longer than
     * {@code buffer.remaining()} leaves the buffer as it was and comes whole in {@link BufferTooShortException}.
     * Allocates nothing for inline sizes.
     */
    public int recvBytesInto(ByteBuffer buffer) throws EOFException, InterruptedException {
        into.into(buffer);
        try {
            await(into, true);
            return into.finish();
        } finally {
            into.release();
        }
    }

    /** As {@link #recvBytesInto(ByteBuffer)}, waiting at most {@code timeout}: {@link TimeoutException} if no message came. */
    public int recvBytesInto(ByteBuffer buffer, long timeout, TimeUnit unit)
            throws EOFException, InterruptedException, TimeoutException {
        into.into(buffer);
        try {
            awaitWithin(into, timeout, unit);
            return into.finish();
        } finally {
            into.release();
        }
    }

    /** For {@link WaitSet}: ready when a {@code recv} would not block (a message, or the end of the stream). */
    @Override
    public Readiness readiness() {
        ensureOpen();
        if (incoming == null) {
            throw new WrongDirectionException("pipe '" + name() + "': this end only sends (one-way pipe), so it is never ready to receive");
        }
        return incoming.messageReadiness(peers);
    }

    /** True if a message (or the end of the stream) is ready, so that a recv would not block. */
    public boolean poll() throws InterruptedException {
        return poll(0, TimeUnit.NANOSECONDS);
    }

    public boolean poll(Duration timeout) throws InterruptedException {
        return poll(WaitStrategies.nanosUpToForever(timeout), TimeUnit.NANOSECONDS);
    }

    public boolean poll(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            return await(null, false, timeout <= 0 ? Ring.NO_WAIT : WaitStrategies.deadline(timeout, unit));
        } catch (EOFException cannotHappenWithoutConsuming) {
            return true;
        }
    }

    private void await(RecordHandler handler, boolean consume) throws EOFException, InterruptedException {
        await(handler, consume, Ring.NO_DEADLINE);
    }

    /**
     * Waits for a message: hands it to {@code handler} if {@code consume}, else only reports it. Throws
     * EOFException (when consuming) once the other end is gone and the ring is drained.
     */
    private boolean await(RecordHandler handler, boolean consume, long deadlineNanos) throws InterruptedException, EOFException {
        ensureOpen();
        if (incoming == null) {
            throw new WrongDirectionException("pipe '" + name() + "': this end only sends (one-way pipe)");
        }
        int got = consume ? incoming.read(handler, 1) : incoming.peek(RecordHandler.IGNORE, 1);
        if (got > 0) {
            return true;
        }
        got = consume ? incoming.read(handler, 1, deadlineNanos, strategy, peers) : incoming.awaitMessage(deadlineNanos, strategy, peers);
        if (got == Ring.END) {
            ensureOpen();
            if (!consume) {
                return true;
            }
            throw new EOFException("pipe '" + name() + "': the other end " + peer.knownGone() + "; everything it sent was received");
        }
        return got > 0;
    }

    // ---- lifecycle

    /**
     * Closes this end. If this object holds it (it was not handed over), the other end sees the end of the
     * stream (after what was sent) and, once both ends are closed or gone, the pipe's file is removed.
     */
    @Override
    public void close() {
        if (isClosed()) {
            return;
        }
        if (incoming != null) {
            incoming.releaseRead();
        }
        if (holding && own.close(self)) {
            if (outgoing != null) {
                outgoing.wakeAll();
            }
            if (incoming != null) {
                incoming.wakeAll();
            }
            if (peer.goneNow() != null) {
                unlink();
            }
        }
        super.close();
    }

    /** Serialising hands the end over: it is in transit (see the class comment) until the receiver attaches it. */
    @Override
    protected Object writeReplace() {
        ensureOpen();
        if (incoming != null) {
            incoming.releaseRead();
        }
        own.handOver(self, PipeHandover.receiver());
        holding = false;
        return new ConnectionHandle(name(), end, codec);
    }

    @Override
    public String toString() {
        return "Connection[" + name() + ", end " + end + (isClosed() ? ", closed" : "") + "]";
    }
}
