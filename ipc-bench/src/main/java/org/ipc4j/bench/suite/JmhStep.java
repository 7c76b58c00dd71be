package org.ipc4j.bench.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipc4j.bench.harness.PeerJvm;
import org.ipc4j.bench.harness.Progress;

/**
 * A JMH run of the benchmarks matching {@code include}, with {@code -prof gc} (allocation per operation),
 * JSON results in {@code raw/jmh/<name>.json}, and {@code -foe true} so a failing benchmark fails the step.
 * Flags a benchmark needs are in its own {@code @Fork(jvmArgsAppend = ..)}. Regions go to the run's ipc4j
 * directory, which the suite checks for leftovers after the step.
 */
final class JmhStep implements Step {
    private static final Pattern RUN_PROGRESS = Pattern.compile("# Run progress: ([0-9.]+)% complete");
    private static final Pattern BENCHMARK = Pattern.compile("# Benchmark: (\\S+)");

    private final String name;
    private final String include;
    private final List<String> options;
    private final double estimatedSeconds;

    JmhStep(String name, String include, List<String> options, double estimatedSeconds) {
        this.name = name;
        this.include = include;
        this.options = List.copyOf(options);
        this.estimatedSeconds = estimatedSeconds;
    }

    @Override
    public String title() {
        return "jmh " + name;
    }

    @Override
    public double estimatedSeconds() {
        return estimatedSeconds;
    }

    @Override
    public String run(StepEnv env) throws Exception {
        Path json = env.raw().resolve("jmh").resolve(name + ".json");
        Files.createDirectories(json.getParent());
        List<String> args = new ArrayList<>(List.of(include, "-prof", "gc", "-rf", "json", "-rff", json.toString(),
                "-foe", "true"));
        args.addAll(options);
        String[] current = {""};
        // JMH's forks inherit the host's -D flags
        try (PeerJvm jmh = PeerJvm.builder("org.openjdk.jmh.Main").property("ipc4j.dir", env.workDir().toString())
                .prefix(env.placement().measurerPrefix()).args(args).listener(line -> relay(line, current, env)).start()) {
            int exit = jmh.waitFor(Duration.ofSeconds((long) (estimatedSeconds * 4 + 120)));
            if (exit != 0 || !Files.exists(json)) {
                throw new IllegalStateException(title() + " exited with " + exit + ":\n" + JvmStep.tail(jmh.output()));
            }
        }
        return null;
    }

    private static void relay(String line, String[] current, StepEnv env) {
        Matcher benchmark = BENCHMARK.matcher(line);
        if (benchmark.find()) {
            String full = benchmark.group(1);
            int dot = full.lastIndexOf('.', full.lastIndexOf('.') - 1);
            current[0] = full.substring(dot + 1);
            return;
        }
        Matcher progress = RUN_PROGRESS.matcher(line);
        if (progress.find()) {
            env.progress().accept(Progress.PREFIX + Double.parseDouble(progress.group(1)) / 100 + " " + current[0]);
        }
    }
}
