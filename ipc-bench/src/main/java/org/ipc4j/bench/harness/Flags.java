package org.ipc4j.bench.harness;

import java.util.List;

/** JVM flags the peers need. They live here, in ipc-bench, and never in ipc-core. */
public final class Flags {
    /** Agrona 2.x's UnsafeBuffer reaches jdk.internal.misc.Unsafe. */
    public static final List<String> AGRONA = List.of("--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED");

    private Flags() {
    }
}
