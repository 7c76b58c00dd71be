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
 * dials} it. As with a TCP listener's backlog, diallers are answered in the background (a dial completes before
 * {@code accept} is called; up to {@value #BACKLOG} wait). A dialler that does not greet like an ipc4j one (a
 * foreign sender, a port scan) is ignored; one with another codec is told so and refused. Closing the
 * listener stops accepting; the connections it accepted stay open until each is closed.
 */
public final class NetListener implements AutoCloseable {
    private final String endpoint;
    private final Codec<Object> codec;
    private final Aeron aeron;
    private final Subscription subscription;
    /** How many answered diallers may wait for {@code accept}. */
    static final int BACKLOG = 64;

    private final LinkedBlockingQueue<Image> diallers;
    private final LinkedBlockingQueue<NetConnection> backlog = new LinkedBlockingQueue<>(BACKLOG);
    private final Thread handshaker;
    private final Object lifecycle = new Object();
    private int openConnections;
    private boolean closed;
    private boolean released;

    private NetListener(String endpoint, Codec<Object> codec, Aeron aeron, Subscription subscription,
            LinkedBlockingQueue<Image> diallers) {
        this.endpoint = endpoint;
        this.diallers = diallers;
        this.codec = codec;
        this.aeron = aeron;
        this.subscription = subscription;
        this.handshaker = new Thread(this::handshake, "ipc4j-net-listener " + endpoint);
        this.handshaker.setDaemon(true);
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
            LinkedBlockingQueue<Image> diallers = new LinkedBlockingQueue<>();
            Subscription subscription = aeron.addSubscription(where.subscriptionChannel(), NetSettings.PIPE_STREAM_ID,
                    diallers::add, image -> { });
            String bound = where.awaitListening(subscription);
            NetListener listener = new NetListener(bound, (Codec<Object>) codec, aeron, subscription, diallers);
            listener.handshaker.start();
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
        while (true) {
            checkOpen();
            NetConnection connection = backlog.poll(100, TimeUnit.MILLISECONDS);
            if (connection != null) {
                return connection;
            }
        }
    }

    /** As {@link #accept()}, waiting at most {@code timeout}: {@link TimeoutException} if no peer dialled. */
    public NetConnection accept(long timeout, TimeUnit unit) throws InterruptedException, TimeoutException {
        long deadline = Outbound.deadline(timeout, unit);
        if (deadline == Outbound.NO_DEADLINE) {
            return accept();
        }
        while (true) {
            checkOpen();
            long left = deadline - System.nanoTime();
            NetConnection connection = backlog.poll(Math.max(0, Math.min(left, TimeUnit.MILLISECONDS.toNanos(100))),
                    TimeUnit.NANOSECONDS);
            if (connection != null) {
                return connection;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimeoutException("NetListener at " + endpoint + ": nobody dialled within " + timeout + " " + unit);
            }
        }
    }

    /** Stops accepting (idempotent). Connections already accepted stay open; those dialled but not yet accepted are closed. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
        }
        handshaker.interrupt();
        try {
            handshaker.join(TimeUnit.NANOSECONDS.toMillis(NetSettings.CONNECT_TIMEOUT_NANOS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (NetConnection waiting = backlog.poll(); waiting != null; waiting = backlog.poll()) {
            waiting.close();
        }
        releaseIfUnused();
    }

    /**
     * Answers diallers in the background, as a TCP listener's backlog does: a dial completes before
     * {@code accept} is called, and at most {@link #BACKLOG} wait to be accepted.
     */
    private void handshake() {
        try {
            while (!isClosed()) {
                Image image = diallers.poll(100, TimeUnit.MILLISECONDS);
                if (image == null) {
                    continue;
                }
                synchronized (lifecycle) {
                    if (closed) {
                        return;
                    }
                    openConnections++;
                }
                NetConnection connection = null;
                try {
                    connection = NetConnection.accept(aeron, image, codec, System.nanoTime() + NetSettings.CONNECT_TIMEOUT_NANOS,
                            this::connectionClosed);
                } catch (RuntimeException e) {
                    // a dialler that went wrong part way: wait for the next
                } finally {
                    if (connection == null) {
                        connectionClosed();
                    }
                }
                if (connection != null) {
                    backlog.put(connection);
                }
            }
        } catch (InterruptedException closing) {
            // close() stops this thread
        }
    }

    private boolean isClosed() {
        synchronized (lifecycle) {
            return closed;
        }
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

}
