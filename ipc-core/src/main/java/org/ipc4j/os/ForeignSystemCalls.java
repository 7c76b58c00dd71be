package org.ipc4j.os;

/**
 * Where {@code java.lang.foreign} is not: JDK 17-21, or a jar built without a JDK 22+. On JDK 22+ the
 * multi-release jar's {@code META-INF/versions/22} holds the class of this name that makes the calls
 * (sources in {@code src/main/java22}).
 */
final class ForeignSystemCalls {
    private ForeignSystemCalls() {
    }

    /** Always null here: this JVM or this build has no foreign-function backend. */
    static SystemCalls probe() {
        return null;
    }
}
