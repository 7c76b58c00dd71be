package org.ipc4j.examples;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Lists and runs the examples: {@code java -jar examples/target/ipc4j-examples.jar list | run NAME [args..] |
 * all [args..] | demo}.
 *
 * <p>{@code run} runs one example in this JVM. {@code all} and {@code demo} start a fresh JVM per example (so
 * each one sees a new JVM, as when run alone: its children are named JvmProcess-1, -2, ...), with short
 * timings ({@code --scale}).
 */
public final class Examples {
    private static final String ALL_SCALE = "0.1";
    private static final String DEMO_SCALE = "0.3";
    private static final List<String> DEMO = List.of("ForkLikeChild", "ProcessStartJoin", "StartMethodRandom",
            "ProcessAliveAndPid", "QueueWriterReader", "LockTakingTurns", "SemaphoreKtv", "PoolApplyAsync", "PoolStarMap");

    private Examples() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "help" : args[0];
        String[] rest = Arrays.copyOfRange(args, Math.min(1, args.length), args.length);
        int code;
        switch (command) {
            case "list" -> code = list();
            case "run" -> code = run(rest);
            case "all" -> code = runEach(
                    Catalogue.entries().stream().filter(e -> !e.byHand()).map(Catalogue.Entry::name).toList(),
                    withDefaultScale(rest, ALL_SCALE));
            case "demo" -> code = runEach(DEMO, withDefaultScale(rest, DEMO_SCALE));
            case "help", "-h", "--help" -> code = usage(0);
            default -> {
                System.err.println("unknown command '" + command + "'");
                code = usage(2);
            }
        }
        if (code != 0) {
            System.exit(code);
        }
    }

    private static int usage(int code) {
        String text = """
                usage: java -jar examples/target/ipc4j-examples.jar COMMAND
                  list                 the examples, each with the seed program it mirrors
                  run NAME [args..]    run one example (args: its options, e.g. --scale 0.1)
                  all [args..]         run every example but the pairs started by hand, each in a new JVM
                                       (default --scale %s)
                  demo                 a short tour (default --scale %s)
                """.formatted(ALL_SCALE, DEMO_SCALE);
        (code == 0 ? System.out : System.err).print(text);
        return code;
    }

    private static int list() {
        int width = Catalogue.entries().stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Catalogue.Entry entry : Catalogue.entries()) {
            System.out.println(pad(entry.name(), width) + "  " + entry.source());
            System.out.println(pad("", width) + "  " + entry.description());
        }
        return 0;
    }

    private static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("run needs the name of an example; 'list' shows them");
            return 2;
        }
        Optional<Catalogue.Entry> entry = Catalogue.find(args[0]);
        if (entry.isEmpty()) {
            System.err.println("no example named '" + args[0] + "'; 'list' shows them");
            return 2;
        }
        entry.get().main().main(Arrays.copyOfRange(args, 1, args.length));
        return 0;
    }

    /** Runs each example in a new JVM, one after the other, and says which failed. */
    private static int runEach(List<String> names, String[] args) throws IOException, InterruptedException {
        List<String> failed = new ArrayList<>();
        long allStart = System.nanoTime();
        for (String name : names) {
            Catalogue.Entry entry = Catalogue.find(name).orElseThrow();
            System.out.println();
            System.out.println("=== " + entry.name() + " (" + entry.source() + "): " + entry.description());
            System.out.flush();
            long start = System.nanoTime();
            int code = exampleJvm(entry.name(), args).inheritIO().start().waitFor();
            System.out.printf(Locale.ROOT, "=== %s: exit code %d, %.1f s%n", entry.name(), code, (System.nanoTime() - start) / 1e9);
            if (code != 0) {
                failed.add(entry.name());
            }
        }
        System.out.printf(Locale.ROOT, "%n%d examples in %.1f s; %s%n", names.size(), (System.nanoTime() - allStart) / 1e9,
                failed.isEmpty() ? "all succeeded" : "FAILED: " + failed);
        return failed.isEmpty() ? 0 : 1;
    }

    /** {@code java [this JVM's options] -cp [this class path] Examples run NAME args..}. */
    private static ProcessBuilder exampleJvm(String name, String[] args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib") && !option.startsWith("-javaagent") && !option.startsWith("-agentpath")
                    && !option.startsWith("-Dipc4j.")) {
                command.add(option);
            }
        }
        if (command.stream().noneMatch(option -> option.startsWith("--enable-native-access"))) {
            command.add("--enable-native-access=ALL-UNNAMED"); // what the jar's manifest grants; JNA needs it
        }
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ipc4j.")) {
                command.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Examples.class.getName(), "run", name));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    private static String[] withDefaultScale(String[] args, String scale) {
        for (String arg : args) {
            if (arg.equals("--scale") || arg.startsWith("--scale=")) {
                return args;
            }
        }
        String[] withScale = Arrays.copyOf(args, args.length + 2);
        withScale[args.length] = "--scale";
        withScale[args.length + 1] = scale;
        return withScale;
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
