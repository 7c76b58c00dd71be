package org.ipc4j.net;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import org.agrona.DirectBuffer;
import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.BufferTooShortException;
import org.ipc4j.errors.CodecMismatchException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.errors.ObjectClosedException;

/**
 * One end of a pipe between hosts, Python's {@code multiprocessing.connection.Client} and what a
 * {@link NetListener} accepts: the methods of {@link org.ipc4j.channel.Connection} (send and receive values
 * through a codec, or bytes), over Aeron UDP.
 *
 * <p>When the other end closes, {@code recv} returns everything it sent and then throws {@link EOFException};
 * a send then throws {@link org.ipc4j.errors.BrokenPipeException}. A peer that dies, or whose host becomes
 * unreachable, is noticed within {@code -Dipc4j.net.peerTimeoutMillis} (500 ms) plus one driver tick (100 ms):
 * the same exceptions follow; messages it sent that had not yet been read may be lost with it. A message
 * arrives whole or not at all, in the order sent; any length up to {@code -Dipc4j.net.maxMessageBytes}.
 * A peer that comes back dials again and its listener accepts a new connection.
 *
 * <p>Used by one sending and one receiving thread at a time (as in Python); each side is locked, so more
 * threads are safe but take turns.
 */
public final class NetConnection implements AutoCloseable {
    private static final int FRAGMENT_LIMIT = 64;

    private final String description;
    private final Aeron aeron;
    private final Codec<Object> codec;
    private final ExclusivePublication publication;
    private final Image image;
    private final Subscription ownSubscription;
    private final Runnable whenClosed;
    private final Outbound outbound;
    private final Inbound inbound;
    private final Received received = new Received();
    private final ReentrantLock receiveLock = new ReentrantLock();
    private byte[] pending;
    private volatile boolean peerClosed;
    private volatile boolean closed;

    private NetConnection(String description, Aeron aeron, Codec<Object> codec, ExclusivePublication publication,
            Image image, Subscription ownSubscription, Runnable whenClosed) {
        this.description = description;
        this.aeron = aeron;
        this.codec = codec;
        this.publication = publication;
        this.image = image;
        this.ownSubscription = ownSubscription;
        this.whenClosed = whenClosed;
        int tag = NetFrameDescriptor.codecTag(codec.id());
        this.outbound = new Outbound(publication, description, tag, this::whyBroken, true);
        this.inbound = new Inbound(description, tag, NetSettings.MAX_MESSAGE_BYTES, received).breakAfterEachMessage();
    }

    /** Dials the {@link NetListener} at {@code endpoint} ({@code host:port}); values go by Java serialisation. */
    public static NetConnection connect(String endpoint) throws InterruptedException, TimeoutException {
        return connect(endpoint, Codecs.serializable());
    }

    /** As {@link #connect(String)}, with {@code codec} for values; the listener must use the same codec. */
    public static NetConnection connect(String endpoint, Codec<?> codec) throws InterruptedException, TimeoutException {
        return connect(endpoint, codec, NetSettings.CONNECT_TIMEOUT_NANOS, TimeUnit.NANOSECONDS);
    }

    /**
     * As {@link #connect(String, Codec)}, waiting at most {@code timeout} for the listener to answer:
     * {@link TimeoutException} if nobody did; {@link CodecMismatchException} if it uses another codec.
     */
    public static NetConnection connect(String endpoint, Codec<?> codec, long timeout, TimeUnit unit)
            throws InterruptedException, TimeoutException {
        Codec<Object> values = cast(Objects.requireNonNull(codec, "codec"));
        NetEndpoint remote = NetEndpoint.parse(endpoint);
        NetEndpoint local = NetEndpoint.localToward(remote);
        long deadline = Outbound.deadline(timeout, unit);
        String description = "NetConnection to " + remote;
        Aeron aeron = NetDriver.acquire();
        Subscription subscription = null;
        ExclusivePublication publication = null;
        try {
            subscription = aeron.addSubscription(local.subscriptionChannel(), NetSettings.PIPE_STREAM_ID);
            publication = aeron.addExclusivePublication(remote.publicationChannel(), NetSettings.PIPE_STREAM_ID);
            String replyTo = Waiting.boundEndpoint(subscription, deadline);
            if (replyTo == null) {
                throw new TimeoutException(description + ": the driver did not bind the reply address in time");
            }
            awaitConnected(publication, deadline, description);
            Outbound greeting = new Outbound(publication, description, NetFrameDescriptor.codecTag(values.id()), () -> null, true);
            if (!greeting.sendHello(hello(replyTo, values.id()), deadline)) {
                throw new TimeoutException(description + ": the listener did not take the greeting in time");
            }
            Image image = awaitImage(subscription, deadline, description);
            NetConnection connection = new NetConnection(description, aeron, values, publication, image, subscription, NetDriver::release);
            String theirCodec = connection.awaitHello(deadline);
            if (theirCodec == null) {
                throw new TimeoutException(description + ": the listener did not answer the greeting in time");
            }
            String codecId = theirCodec.substring(theirCodec.indexOf('\n') + 1);
            if (!codecId.equals(values.id())) {
                throw new CodecMismatchException(description + ": the listener uses codec " + codecId + ", this end " + values.id());
            }
            return connection;
        } catch (Exception | Error e) {
            if (publication != null) {
                publication.close();
            }
            if (subscription != null) {
                subscription.close();
            }
            NetDriver.release();
            throw e;
        }
    }

    /**
     * The listener's half of the handshake on a new dialler's stream: reads its greeting, connects back, and
     * answers. Null if the stream is not a well-behaved dialler's (no greeting in time, or one that does not
     * parse); the caller goes on waiting for the next.
     */
    static NetConnection accept(Aeron aeron, Image image, Codec<Object> codec, long deadline, Runnable whenClosed)
            throws InterruptedException {
        String description = "NetConnection from " + image.sourceIdentity();
        Greeting greeting = new Greeting();
        Inbound reader = new Inbound(description, NetFrameDescriptor.codecTag(codec.id()), 4096, greeting).breakAfterEachMessage();
        Waiting waiting = new Waiting(deadline);
        while (greeting.text == null) {
            if (image.controlledPoll(reader, 1) == 0) {
                if (image.isClosed() || !waiting.idle()) {
                    return null;
                }
            } else if (greeting.refused) {
                return null;
            }
        }
        String[] parts = greeting.text.split("\n", -1);
        if (parts.length != 2) {
            return null;
        }
        NetEndpoint replyTo;
        try {
            replyTo = NetEndpoint.parse(parts[0]);
        } catch (Ipc4jException e) {
            return null;
        }
        ExclusivePublication publication = aeron.addExclusivePublication(replyTo.publicationChannel(), NetSettings.PIPE_STREAM_ID);
        try {
            if (!tryAwaitConnected(publication, deadline)) {
                publication.close();
                return null;
            }
            Outbound answer = new Outbound(publication, description, NetFrameDescriptor.codecTag(codec.id()), () -> null, true);
            if (!answer.sendHello(hello("", codec.id()), deadline) || !parts[1].equals(codec.id())) {
                publication.close(); // the dialler reads the codec in the answer and refuses itself
                return null;
            }
        } catch (Ipc4jException e) {
            publication.close();
            return null;
        }
        return new NetConnection(description, aeron, codec, publication, image, null, whenClosed);
    }

    // --- sending ---

    /** Sends {@code value} through the codec (Java serialisation by default); blocks while the network back-pressures. */
    public void send(Object value) throws InterruptedException {
        checkOpen();
        outbound.sendValue(codec, value, Outbound.NO_DEADLINE);
    }

    /** As {@link #send(Object)}, waiting at most {@code timeout}: {@link TimeoutException} then, with nothing delivered. */
    public void send(Object value, long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        checkOpen();
        if (!outbound.sendValue(codec, value, Outbound.deadline(timeout, unit))) {
            throw new TimeoutException(description + ": no room to send within " + timeout + " " + unit);
        }
    }

    public void sendBytes(byte[] message) throws InterruptedException {
        sendBytes(message, 0, message.length);
    }

    public void sendBytes(byte[] message, int offset, int length) throws InterruptedException {
        Objects.checkFromIndexSize(offset, length, message.length);
        checkOpen();
        outbound.sendBytes(message, offset, length, Outbound.NO_DEADLINE);
    }

    /** Sends the bytes from {@code message}'s position to its limit; the position then stands at the limit. */
    public void sendBytes(ByteBuffer message) throws InterruptedException {
        checkOpen();
        outbound.sendBytes(message, Outbound.NO_DEADLINE);
        message.position(message.limit());
    }

    // --- receiving ---

    /** The next value; {@link EOFException} once the other end is closed or gone and everything it sent was read. */
    public Object recv() throws EOFException, InterruptedException {
        return decode(receive(Outbound.NO_DEADLINE));
    }

    /** As {@link #recv()}, waiting at most {@code timeout}: {@link TimeoutException} if nothing came. */
    public Object recv(long timeout, TimeUnit unit) throws EOFException, InterruptedException, TimeoutException {
        return decode(receiveOrTimeout(timeout, unit));
    }

    public byte[] recvBytes() throws EOFException, InterruptedException {
        return receive(Outbound.NO_DEADLINE);
    }

    public byte[] recvBytes(long timeout, TimeUnit unit) throws EOFException, InterruptedException, TimeoutException {
        return receiveOrTimeout(timeout, unit);
    }

    /** Receives into {@code buffer} from {@code offset}; returns the length. A message that does not fit comes in {@link BufferTooShortException}. */
    public int recvBytesInto(byte[] buffer, int offset) throws EOFException, InterruptedException {
        Objects.checkIndex(offset, buffer.length + 1);
        byte[] message = receive(Outbound.NO_DEADLINE);
        if (message.length > buffer.length - offset) {
            throw new BufferTooShortException(description + ": a message of " + message.length + " bytes does not fit in "
                    + (buffer.length - offset), message);
        }
        System.arraycopy(message, 0, buffer, offset, message.length);
        return message.length;
    }

    /** Receives into {@code buffer} at its position and advances the position; a message that does not fit leaves it as it was. */
    public int recvBytesInto(ByteBuffer buffer) throws EOFException, InterruptedException {
        byte[] message = receive(Outbound.NO_DEADLINE);
        if (message.length > buffer.remaining()) {
            throw new BufferTooShortException(description + ": a message of " + message.length + " bytes does not fit in "
                    + buffer.remaining(), message);
        }
        buffer.put(message);
        return message.length;
    }

    /** Whether a message (or the end of the stream) is there to be received now. */
    public boolean poll() throws InterruptedException {
        return poll(0, TimeUnit.NANOSECONDS);
    }

    public boolean poll(Duration timeout) throws InterruptedException {
        return poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Waits at most {@code timeout} for a message (or the end of the stream): true if a receive would not block. */
    public boolean poll(long timeout, TimeUnit unit) throws InterruptedException {
        try {
            byte[] message = receive(Outbound.deadline(timeout, unit));
            if (message != null) {
                pending = message;
                return true;
            }
            return false;
        } catch (EOFException end) {
            return true;
        }
    }

    /** Whether the other end is there: false once it closed, died, or became unreachable. */
    public boolean isPeerConnected() {
        return whyBroken() == null && publication.isConnected();
    }

    /**
     * Closes this end (idempotent): the other end receives what was sent and then the end of the stream.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        long deadline = System.nanoTime() + NetSettings.CLOSE_DRAIN_NANOS;
        outbound.sendClose(deadline);
        outbound.close(aeron.countersReader(), deadline);
        if (ownSubscription != null) {
            ownSubscription.close();
        }
        whenClosed.run();
    }

    @Override
    public String toString() {
        return description + (closed ? " (closed)" : "");
    }

    private byte[] receiveOrTimeout(long timeout, TimeUnit unit) throws EOFException, InterruptedException, TimeoutException {
        byte[] message = receive(Outbound.deadline(timeout, unit));
        if (message == null) {
            throw new TimeoutException(description + ": nothing came within " + timeout + " " + unit);
        }
        return message;
    }

    /** The next whole message, or null once the deadline passed. */
    private byte[] receive(long deadline) throws EOFException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        receiveLock.lockInterruptibly();
        try {
            checkOpen();
            Waiting waiting = null;
            while (true) {
                byte[] message = pollOnce();
                if (message != null) {
                    return message;
                }
                String gone = whyBroken();
                if (gone != null) {
                    throw new EOFException(gone);
                }
                if (waiting == null) {
                    waiting = new Waiting(deadline);
                }
                if (!waiting.idle()) {
                    return null;
                }
            }
        } finally {
            receiveLock.unlock();
        }
    }

    private byte[] pollOnce() {
        if (pending != null) {
            byte[] message = pending;
            pending = null;
            return message;
        }
        image.controlledPoll(inbound, FRAGMENT_LIMIT);
        Ipc4jException fault = received.fault;
        if (fault != null) {
            received.fault = null;
            throw fault;
        }
        byte[] message = received.message;
        received.message = null;
        return message;
    }

    /** The first message on a dialler's stream: the listener's answer. Null if the deadline passed first. */
    private String awaitHello(long deadline) throws InterruptedException {
        Waiting waiting = new Waiting(deadline);
        while (received.hello == null) {
            if (image.controlledPoll(inbound, 1) == 0) {
                if (image.isClosed() || !waiting.idle()) {
                    return null;
                }
            }
            if (received.fault != null) {
                throw received.fault;
            }
        }
        return received.hello;
    }

    private Object decode(byte[] message) {
        try {
            return codec.decode(ByteBuffer.wrap(message), 0, message.length);
        } catch (RuntimeException e) {
            throw new CorruptedException(description + ": a message of " + message.length + " bytes does not decode with codec "
                    + codec.id() + ": " + e, e);
        }
    }

    private String whyBroken() {
        if (peerClosed) {
            return description + ": the other end closed";
        }
        if (image.isClosed() || !publication.isConnected()) {
            // the peer's driver stopped acknowledging our stream (faster to see than its own stream's silence)
            return description + ": the other end is gone (it died, or the network to it is down)";
        }
        return null;
    }

    private void checkOpen() {
        if (closed) {
            throw new ObjectClosedException(description + " is closed");
        }
    }

    private static byte[] hello(String replyTo, String codecId) {
        return (replyTo + "\n" + codecId).getBytes(StandardCharsets.UTF_8);
    }

    private static void awaitConnected(ExclusivePublication publication, long deadline, String description)
            throws InterruptedException, TimeoutException {
        if (!tryAwaitConnected(publication, deadline)) {
            throw new TimeoutException(description + ": nobody answered (is a NetListener there?)");
        }
    }

    private static boolean tryAwaitConnected(ExclusivePublication publication, long deadline) throws InterruptedException {
        Waiting waiting = new Waiting(deadline);
        while (!publication.isConnected()) {
            if (!waiting.idle()) {
                return false;
            }
        }
        return true;
    }

    private static Image awaitImage(Subscription subscription, long deadline, String description)
            throws InterruptedException, TimeoutException {
        Waiting waiting = new Waiting(deadline);
        while (subscription.imageCount() == 0) {
            if (!waiting.idle()) {
                throw new TimeoutException(description + ": the listener did not connect back (a firewall between?)");
            }
        }
        return subscription.imageAtIndex(0);
    }

    @SuppressWarnings("unchecked")
    private static Codec<Object> cast(Codec<?> codec) {
        return (Codec<Object>) codec;
    }

    /** What one poll of the inbound stream handed on; read and cleared by the receiving thread. */
    private final class Received implements Inbound.Sink {
        byte[] message;
        String hello;
        Ipc4jException fault;

        @Override
        public boolean hasRoom() {
            return message == null;
        }

        @Override
        public void onMessage(DirectBuffer buffer, int offset, int length, int sessionId) {
            byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            message = copy;
        }

        @Override
        public void onAssembled(byte[] whole, int sessionId) {
            message = whole;
        }

        @Override
        public void onHello(DirectBuffer buffer, int offset, int length, int sessionId) {
            if (hello != null) {
                fault = new CorruptedException(description + ": a second greeting; dropped");
                return;
            }
            hello = buffer.getStringWithoutLengthUtf8(offset, length);
        }

        @Override
        public void onClose(int sessionId) {
            peerClosed = true;
        }

        @Override
        public void onFault(Ipc4jException error) {
            fault = error;
        }
    }

    /** The listener's view of a dialler's first message. */
    private static final class Greeting implements Inbound.Sink {
        String text;
        boolean refused;

        @Override
        public boolean hasRoom() {
            return true;
        }

        @Override
        public void onMessage(DirectBuffer buffer, int offset, int length, int sessionId) {
            refused = true;
        }

        @Override
        public void onAssembled(byte[] message, int sessionId) {
            refused = true;
        }

        @Override
        public void onHello(DirectBuffer buffer, int offset, int length, int sessionId) {
            text = buffer.getStringWithoutLengthUtf8(offset, length);
        }

        @Override
        public void onClose(int sessionId) {
            refused = true;
        }

        @Override
        public void onFault(Ipc4jException fault) {
            refused = true;
        }
    }
}
