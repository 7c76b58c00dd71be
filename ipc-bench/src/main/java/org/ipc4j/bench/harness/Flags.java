package org.ipc4j.bench.harness;

import java.util.List;

/** JVM flags the peers need. They live here, in ipc-bench, and never in ipc-core. */
public final class Flags {
    /** Agrona 2.x's UnsafeBuffer reaches jdk.internal.misc.Unsafe. */
    public static final List<String> AGRONA = List.of("--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED");

    /** Aeron 1.49 (ipc-net) runs on Agrona 2.x too: the same export, and nothing else. */
    public static final List<String> AERON = List.of("--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED");

    /**
     * Chronicle Queue 5.27ea0 on JDK 17: Agrona's flag plus its own reflection and exports, and no usage
     * reporting over the network.
     */
    public static final List<String> CHRONICLE = List.of(
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true");

    /** Chronicle Map 3.27ea0 on JDK 17: Chronicle Queue's flags plus the reflection its hashing and marshallers
     * use, and javac's internals (it compiles generated classes at run time). */
    public static final List<String> CHRONICLE_MAP = List.of(
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED",
            "--add-opens", "java.base/java.io=ALL-UNNAMED",
            "--add-opens", "java.base/java.nio=ALL-UNNAMED",
            "--add-opens", "java.base/java.util=ALL-UNNAMED",
            "--add-exports", "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports", "jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports", "jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens", "jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true");

    private Flags() {
    }
}
