package org.ipc4j.bench.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Describes the machine for the report: CPU, cores, memory, OS, kernel, JDK, Python, C compiler. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static Map<String, String> collect() {
        Map<String, String> info = new LinkedHashMap<>();
        info.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name", "unknown"));
        info.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String memKb = firstValue(Path.of("/proc/meminfo"), "MemTotal", "").replace("kB", "").trim();
        info.put("memory", memKb.isEmpty() ? "unknown" : String.format(Locale.ROOT, "%.1f GiB",
                Long.parseLong(memKb) / 1024.0 / 1024.0));
        info.put("os", osRelease() + " (" + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", " + System.getProperty("os.arch") + ")");
        info.put("virtualisation", firstValue(Path.of("/proc/cpuinfo"), "flags", "").contains(" hypervisor")
                ? "virtual machine (hypervisor flag set)" : "no hypervisor flag");
        info.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")");
        info.put("python", firstLine(List.of("python3", "--version"), "not installed"));
        info.put("cc", firstLine(List.of("cc", "--version"), "not installed"));
        return info;
    }

    public static void write(Path file, Map<String, String> values) throws IOException {
        StringBuilder out = new StringBuilder();
        values.forEach((k, v) -> out.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
        Files.createDirectories(file.getParent());
        Files.writeString(file, out.toString());
    }

    private static String osRelease() {
        String pretty = firstValue(Path.of("/etc/os-release"), "PRETTY_NAME", "");
        return pretty.replace("\"", "");
    }

    private static String firstValue(Path file, String key, String fallback) {
        try {
            for (String line : Files.readAllLines(file)) {
                int sep = line.indexOf(line.contains("=") && !line.contains(":") ? '=' : ':');
                if (sep > 0 && line.substring(0, sep).trim().equals(key)) {
                    return line.substring(sep + 1).trim();
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }

    private static String firstLine(List<String> command, String fallback) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String line;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                line = in.readLine();
                while (in.readLine() != null) {
                    // drain
                }
            }
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0 || line == null) {
                return fallback;
            }
            return line.trim();
        } catch (IOException e) {
            return fallback;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fallback;
        }
    }
}
