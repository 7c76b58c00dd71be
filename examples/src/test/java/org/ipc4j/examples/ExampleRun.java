package org.ipc4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.ipc4j.testkit.ChildJvm;

/** An example run as a user runs it ({@code Examples run NAME args..} in a new JVM), and its output. */
final class ExampleRun {
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final long pid;
    final List<String> lines;

    private ExampleRun(long pid, List<String> lines) {
        this.pid = pid;
        this.lines = lines;
    }

    /** Runs the example to its end and requires exit code 0. */
    static ExampleRun run(String name, String... args) {
        List<String> command = new ArrayList<>(List.of("run", name));
        command.addAll(List.of(args));
        try (ChildJvm jvm = ChildJvm.start(Examples.class, command.toArray(String[]::new))) {
            jvm.assertSuccess(TIMEOUT);
            return new ExampleRun(jvm.pid(), jvm.lines());
        }
    }

    String output() {
        return String.join("\n", lines);
    }

    /** The index of the only line that is exactly {@code text}. */
    int indexOf(String text) {
        int index = lines.indexOf(text);
        assertTrue(index >= 0, "no line '" + text + "' in:\n" + output());
        assertEquals(index, lines.lastIndexOf(text), "'" + text + "' printed more than once:\n" + output());
        return index;
    }

    /** Every line matching {@code regex} entirely, as matchers (groups available). */
    List<Matcher> matching(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<Matcher> found = new ArrayList<>();
        for (String line : lines) {
            Matcher m = pattern.matcher(line);
            if (m.matches()) {
                found.add(m);
            }
        }
        return found;
    }

    /** The only line matching {@code regex}. */
    Matcher single(String regex) {
        List<Matcher> found = matching(regex);
        assertEquals(1, found.size(), "lines matching " + regex + " in:\n" + output());
        return found.get(0);
    }

    /** The index of the only line matching {@code regex}. */
    int indexOfMatch(String regex) {
        Pattern pattern = Pattern.compile(regex);
        List<Integer> indexes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).matches()) {
                indexes.add(i);
            }
        }
        assertEquals(1, indexes.size(), "lines matching " + regex + " in:\n" + output());
        return indexes.get(0);
    }
}
