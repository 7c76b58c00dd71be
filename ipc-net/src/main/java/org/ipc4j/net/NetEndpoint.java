package org.ipc4j.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;

import io.aeron.ChannelUri;
import io.aeron.CommonContext;
import io.aeron.Subscription;
import org.ipc4j.errors.InvalidNameException;
import org.ipc4j.errors.ObjectExistsException;

/**
 * Where a network object listens or sends: {@code host:port} ({@code [v6]:port}), a bare port to listen on
 * every address, or an Aeron UDP channel URI ({@code aeron:udp?endpoint=...}) for full control.
 */
final class NetEndpoint {
    private final String text;
    private final ChannelUri uri;
    private final InetSocketAddress address;

    private NetEndpoint(String text, ChannelUri uri, InetSocketAddress address) {
        this.text = text;
        this.uri = uri;
        this.address = address;
    }

    static NetEndpoint parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidNameException("a network endpoint must be host:port, a port, or an aeron:udp URI; got " + text);
        }
        ChannelUri uri;
        if (text.startsWith("aeron:")) {
            try {
                uri = ChannelUri.parse(text);
            } catch (RuntimeException e) {
                throw new InvalidNameException("the Aeron channel " + text + " does not parse: " + e.getMessage());
            }
            if (!CommonContext.UDP_MEDIA.equals(uri.media()) || uri.get(CommonContext.ENDPOINT_PARAM_NAME) == null) {
                throw new InvalidNameException("the Aeron channel " + text + " must be aeron:udp with an endpoint");
            }
        } else {
            String hostPort = text.indexOf(':') < 0 ? "0.0.0.0:" + text : text;
            uri = ChannelUri.parse("aeron:udp?endpoint=" + hostPort);
        }
        InetSocketAddress address = resolve(text, uri.get(CommonContext.ENDPOINT_PARAM_NAME));
        return new NetEndpoint(text, uri, address);
    }

    /** An endpoint on this host's address that routes to {@code peer}, with a port the system picks (0). */
    static NetEndpoint localToward(NetEndpoint peer) {
        try (DatagramChannel probe = DatagramChannel.open()) {
            probe.connect(peer.address);
            InetAddress local = ((InetSocketAddress) probe.getLocalAddress()).getAddress();
            return parse(hostPort(new InetSocketAddress(local, 0)));
        } catch (IOException e) {
            throw new InvalidNameException("no route from this host to " + peer + ": " + e.getMessage());
        }
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static InetSocketAddress resolve(String text, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new InvalidNameException("the network endpoint " + text + " has no host:port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new InvalidNameException("the network endpoint " + text + " has a port that is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new InvalidNameException("the network endpoint " + text + " has port " + port + ", outside 0..65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new InvalidNameException("the host of the network endpoint " + text + " is unknown: " + host);
        }
    }

    /** Where {@code subscription} listens once the driver has bound it (port 0 resolved); closes it and throws if it could not. */
    String awaitListening(Subscription subscription) {
        String bound = Waiting.boundEndpoint(subscription, System.nanoTime() + NetSettings.CONNECT_TIMEOUT_NANOS);
        if (bound == null) {
            subscription.close();
            throw new ObjectExistsException("cannot listen at " + this + ": the driver did not bind it in time");
        }
        return bound;
    }

    String subscriptionChannel() {
        return uri.toString();
    }

    /** The channel to send to this endpoint: on loopback with a larger MTU, unless the URI names one. */
    String publicationChannel() {
        ChannelUri sending = ChannelUri.parse(uri.toString());
        if (sending.get(CommonContext.MTU_LENGTH_PARAM_NAME) == null && address.getAddress().isLoopbackAddress()) {
            sending.put(CommonContext.MTU_LENGTH_PARAM_NAME, Integer.toString(NetSettings.LOOPBACK_MTU));
        }
        return sending.toString();
    }

    InetSocketAddress address() {
        return address;
    }

    @Override
    public String toString() {
        return text;
    }
}
