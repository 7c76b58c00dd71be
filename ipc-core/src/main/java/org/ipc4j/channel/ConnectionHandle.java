package org.ipc4j.channel;

import java.io.Serializable;

import org.ipc4j.codec.Codec;

/** What a Connection becomes when serialised: the pipe's name, which end, and the codec; it attaches on arrival. */
final class ConnectionHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int end;
    private final Codec<?> codec;

    ConnectionHandle(String name, int end, Codec<?> codec) {
        this.name = name;
        this.end = end;
        this.codec = codec;
    }

    private Object readResolve() {
        return Connection.attach(name, end, codec);
    }
}
