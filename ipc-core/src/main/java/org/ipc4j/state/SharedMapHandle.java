package org.ipc4j.state;

import java.io.Serializable;

import org.ipc4j.codec.Codec;

/**
 * What a {@link SharedMap} becomes when serialised: its name and its codecs (codecs are serialisable), so the
 * receiving process attaches the same map even when its codecs are not built in.
 */
final class SharedMapHandle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Codec<?> keyCodec;
    private final Codec<?> valueCodec;

    SharedMapHandle(String name, Codec<?> keyCodec, Codec<?> valueCodec) {
        this.name = name;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
    }

    private Object readResolve() {
        return SharedMap.open(name, keyCodec, valueCodec);
    }
}
