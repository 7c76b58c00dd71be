package org.ipc4j.examples;

import java.util.List;

/**
 * Seed 001_a818457dac533d40.txt, program 8: {@code subprocess.call(['nslookup', 'www.python.org'])} and its
 * exit code. {@link ProcessBuilder} is the JDK's subprocess module; ipc4j adds nothing here.
 *
 * <p>The command is the positional arguments; without any it runs {@code uname -a}, since this machine may
 * have no network or nslookup ({@code run SubprocessCall nslookup www.python.org} is the seed's exact call).
 */
public final class SubprocessCall {
    private SubprocessCall() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = Options.parse(args).positional();
        if (command.isEmpty()) {
            command = List.of("uname", "-a");
        }
        System.out.println("$ " + String.join(" ", command));
        System.out.flush();
        // subprocess.call: the child shares our stdin/stdout/stderr, and we wait for its exit code.
        int r = new ProcessBuilder(command).inheritIO().start().waitFor();
        System.out.println("Exit code: " + r);
    }
}
