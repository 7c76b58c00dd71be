package org.ipc4j.channel;

import java.io.Serializable;

import org.ipc4j.codec.Codec;

/** What a SharedQueue becomes when serialised: its name, whether it is joinable, and its codec. */
final class QueueHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final boolean joinable;
    private final Codec<?> codec;

    QueueHandle(String name, boolean joinable, Codec<?> codec) {
        this.name = name;
        this.joinable = joinable;
        this.codec = codec;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object readResolve() {
        return joinable ? JoinableQueue.open(name, (Codec) codec) : SharedQueue.open(name, (Codec) codec);
    }
}
