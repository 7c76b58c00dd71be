package org.ipc4j.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The command line of a child JVM: this JVM's java, class path, needed options and ipc4j properties. */
final class ChildCommand {
    /** Options that take their value as the next argument when not written with '='. */
    private static final List<String> OPTIONS_WITH_VALUE = List.of("--add-opens", "--add-exports", "--add-reads",
            "--add-modules", "--enable-native-access");

    private static final String ENABLE_NATIVE_ACCESS = "--enable-native-access";

    /**
     * Children keep no hsperfdata file: removing it makes every JVM exit about 2 ms slower here (4.7 ms against
     * 2.9 ms from the child's last output to waitpid), which is most of a warm start's join. Such children are
     * not listed by jps; jcmd and JFR still reach them. An inherited or given -XX:+UsePerfData comes later on
     * the command line and wins.
     */
    static final String NO_PERF_DATA = "-XX:-UsePerfData";

    private ChildCommand() {
    }

    /** A fresh child's command; a {@code spare} warms up ({@link SpareWarmUp}) before it waits for its payload. */
    static List<String> build(List<String> extraJvmArgs, boolean spare) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(NO_PERF_DATA);
        List<String> inherited = inheritedJvmArgs();
        command.addAll(inherited);
        if (inherited.stream().noneMatch(arg -> arg.startsWith(ENABLE_NATIVE_ACCESS))) {
            // JNA loads its native library; JDK 24+ warns about that unless native access is enabled
            command.add(ENABLE_NATIVE_ACCESS + "=ALL-UNNAMED");
        }
        for (Map.Entry<String, String> property : ipc4jProperties().entrySet()) {
            command.add("-D" + property.getKey() + "=" + property.getValue());
        }
        command.addAll(extraJvmArgs);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ChildBootstrap.class.getName());
        if (spare) {
            command.add(ChildBootstrap.SPARE);
        }
        return command;
    }

    /** The ipc4j.* system properties as they are now (they may have been set after this JVM started). */
    static Map<String, String> ipc4jProperties() {
        Map<String, String> properties = new TreeMap<>();
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("ipc4j.")) {
                properties.put(key, System.getProperty(key));
            }
        }
        return properties;
    }

    /**
     * Options that name a resource one process owns: debuggers and agents, a JMX port (a child would fail to
     * bind it), recordings and logs to a file (children would overwrite them), and ipc4j's own properties
     * (passed separately, with their current values).
     */
    static boolean isPerProcess(String arg) {
        return arg.startsWith("-agentlib") || arg.startsWith("-agentpath") || arg.startsWith("-javaagent")
                || arg.startsWith("-Xdebug") || arg.startsWith("-Xrunjdwp") || arg.startsWith("-Dipc4j.")
                || arg.startsWith("-Dcom.sun.management.jmxremote") || arg.startsWith("-XX:StartFlightRecording")
                || arg.startsWith("-XX:FlightRecorderOptions") || (arg.startsWith("-Xlog") && arg.contains("file="))
                || arg.startsWith("-Xloggc") || arg.startsWith("-XX:HeapDumpPath") || arg.startsWith("-XX:ErrorFile");
    }

    /** This JVM's options minus the per-process ones. */
    static List<String> inheritedJvmArgs() {
        List<String> inherited = new ArrayList<>();
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (isPerProcess(arg)) {
                continue;
            }
            inherited.add(arg);
            if (OPTIONS_WITH_VALUE.contains(arg) && i + 1 < args.size()) {
                inherited.add(args.get(++i));
            }
        }
        return inherited;
    }
}
