package org.ipc4j.bench.suite;

import java.time.Duration;
import java.util.List;

import org.ipc4j.bench.harness.PeerJvm;

/** A measuring JVM (latency or throughput) started with its workload's flags; it starts its own peer. */
final class JvmStep implements Step {
    private final String title;
    private final String mainClass;
    private final List<String> jvmArgs;
    private final List<String> args;
    private final double estimatedSeconds;

    JvmStep(String title, String mainClass, List<String> jvmArgs, List<String> args, double estimatedSeconds) {
        this.title = title;
        this.mainClass = mainClass;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.args = List.copyOf(args);
        this.estimatedSeconds = estimatedSeconds;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public double estimatedSeconds() {
        return estimatedSeconds;
    }

    @Override
    public String run(StepEnv env) {
        long timeoutSeconds = (long) (estimatedSeconds * 4 + 120);
        try (PeerJvm jvm = PeerJvm.builder(mainClass).jvmArgs(jvmArgs).property("ipc4j.dir", env.workDir().toString())
                .prefix(env.placement().measurerPrefix()).args(args).listener(env.progress()).start()) {
            int exit = jvm.waitFor(Duration.ofSeconds(timeoutSeconds));
            if (exit != 0) {
                throw new IllegalStateException(title + " exited with " + exit + ":\n" + tail(jvm.output()));
            }
        }
        return null;
    }

    static String tail(String output) {
        String[] lines = output.split("\n");
        int from = Math.max(0, lines.length - 40);
        return String.join("\n", List.of(lines).subList(from, lines.length));
    }
}
