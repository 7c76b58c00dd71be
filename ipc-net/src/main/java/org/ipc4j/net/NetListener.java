package org.ipc4j.net;

import java.util.Objects;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.aeron.Aeron;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.exceptions.AeronException;
import org.ipc4j.codec.Codec;
import org.ipc4j.codec.Codecs;
import org.ipc4j.errors.ObjectClosedException;
import org.ipc4j.errors.ObjectExistsException;

/**
 * Python's {@code multiprocessing.connection.Listener} between hosts: listens at an address and
 * {@linkplain #accept() accepts} a {@link NetConnection} for each peer that {@linkplain NetConnection#connect
 * dials} it. A dialler that does not greet like an ipc4j one (a foreign sender, a port scan) is ignored; one
 * with another codec is told so and refused. Closing the listener stops accepting; the connections it
 * accepted stay open until each is closed.
 */
public final class NetListener implements AutoCloseable {
    private final String endpoint;
    private final Codec<Object> codec;
    private final Aeron aeron;
    private final Subscription subscription;
    private final LinkedBlockingQueue<Image> diallers = new LinkedBlockingQueue<>();
    private final Object lifecycle = new Object();
    private int openConnections;
    private boolean closed;
    private boolean released;

    private NetListener(String endpoint, Codec<Object> codec, Aeron aeron, Subscription subscription) {
        this.endpoint = endpoint;
        this.codec = codec;
        this.aeron = aeron;
        this.subscription = subscription;
    }

    /** Listens at {@code endpoint} ({@code host:port}, a port, port 0 for any, or an {@code aeron:udp} URI); Java serialisation for values. */
    public static NetListener bind(String endpoint) {
        return bind(endpoint, Codecs.serializable());
    }

    /** As {@link #bind(String)}, with {@code codec} for values: diallers must use the same. */
    @SuppressWarnings("unchecked")
    public static NetListener bind(String endpoint, Codec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        NetEndpoint where = NetEndpoint.parse(endpoint);
        Aeron aeron = NetDriver.acquire();
        try {
            NetListener[] self = new NetListener[1];
            LinkedBlockingQueue<Image> early = new LinkedBlockingQueue<>();
            Subscription subscription = aeron.addSubscription(where.subscriptionChannel(), NetSettings.PIPE_STREAM_ID,
                    image -> (self[0] != null ? self[0].diallers : early).add(image), image -> { });
            String bound = awaitBound(subscription, where);
            NetListener listener = new NetListener(bound, (Codec<Object>) codec, aeron, subscription);
            self[0] = listener;
            early.drainTo(listener.diallers);
            return listener;
        } catch (AeronException e) {
            NetDriver.release();
            throw new ObjectExistsException("cannot listen at " + where + " (is something else listening there?): " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            NetDriver.release();
            throw e;
        }
    }

    /** The address listened at, with the port the system picked. */
    public String endpoint() {
        return endpoint;
    }

    /** Waits for the next peer to dial and returns its connection. */
    public NetConnection accept() throws InterruptedException {
        try {
            return accept(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("an accept without a deadline timed out", e);
        }
    }

    /** As {@link #accept()}, waiting at most {@code timeout}: {@link TimeoutException} if no peer dialled. */
    public NetConnection accept(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        long deadline = Outbound.deadline(timeout, unit);
        while (true) {
            checkOpen();
            long wait = deadline == Outbound.NO_DEADLINE ? TimeUnit.MILLISECONDS.toNanos(100) : deadline - System.nanoTime();
            Image image = diallers.poll(Math.min(Math.max(0, wait), TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (image == null) {
                if (deadline != Outbound.NO_DEADLINE && System.nanoTime() - deadline >= 0) {
                    throw new TimeoutException("NetListener at " + endpoint + ": nobody dialled within " + timeout + " " + unit);
                }
                continue;
            }
            long handshakeDeadline = Math.min(deadline, System.nanoTime() + NetSettings.CONNECT_TIMEOUT_NANOS);
            synchronized (lifecycle) {
                checkOpen();
                openConnections++;
            }
            NetConnection connection = null;
            try {
                connection = NetConnection.accept(aeron, image, codec, handshakeDeadline, this::connectionClosed);
            } finally {
                if (connection == null) {
                    connectionClosed(); // not a dialler to keep: wait for the next
                }
            }
            if (connection != null) {
                return connection;
            }
        }
    }

    /** Stops accepting (idempotent). Connections already accepted stay open. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        releaseIfUnused();
    }

    @Override
    public String toString() {
        return "NetListener at " + endpoint + (closed ? " (closed)" : "");
    }

    private void connectionClosed() {
        synchronized (lifecycle) {
            openConnections--;
        }
        releaseIfUnused();
    }

    /** The subscription carries the accepted connections' inbound streams: it goes when the last of them and the listener are closed. */
    private void releaseIfUnused() {
        synchronized (lifecycle) {
            if (!closed || openConnections > 0 || released) {
                return;
            }
            released = true;
        }
        subscription.close();
        NetDriver.release();
    }

    private void checkOpen() {
        synchronized (lifecycle) {
            if (closed) {
                throw new ObjectClosedException("NetListener at " + endpoint + " is closed");
            }
        }
    }

    private static String awaitBound(Subscription subscription, NetEndpoint where) {
        Waiting waiting = new Waiting(System.nanoTime() + NetSettings.CONNECT_TIMEOUT_NANOS);
        String bound;
        while ((bound = subscription.resolvedEndpoint()) == null) {
            if (!waiting.idleUninterruptibly()) {
                subscription.close();
                throw new ObjectExistsException("cannot listen at " + where + ": the driver did not bind it in time");
            }
        }
        return bound;
    }
}
