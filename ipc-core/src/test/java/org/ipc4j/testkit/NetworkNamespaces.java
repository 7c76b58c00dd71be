package org.ipc4j.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * Two network namespaces joined by a veth pair, as two hosts on one machine ({@code ip netns} and
 * {@code ip link}, which need root). Start a child in one with {@link ChildJvm.Builder#inNetworkNamespace}.
 * {@link #create} returns null and {@link #whyNot()} says why where that cannot be done.
 */
public final class NetworkNamespaces implements AutoCloseable {
    private static volatile String whyNot;

    private final String first;
    private final String second;
    private final String firstLink;
    private final String firstAddress;
    private final String secondAddress;

    private NetworkNamespaces(String tag, int subnet) {
        this.first = "ipc4j-" + tag + "-a";
        this.second = "ipc4j-" + tag + "-b";
        this.firstLink = "i4" + tag + "a";
        this.firstAddress = "10.231." + subnet + ".1";
        this.secondAddress = "10.231." + subnet + ".2";
    }

    /**
     * Makes the pair: namespace names from {@code tag} (a few letters and digits, unique among concurrent
     * users), addresses 10.231.{@code subnet}.1 and .2. Null if namespaces cannot be made here.
     */
    public static NetworkNamespaces create(String tag, int subnet) throws InterruptedException {
        NetworkNamespaces pair = new NetworkNamespaces(tag, subnet);
        String secondLink = "i4" + tag + "b";
        pair.close(); // a pair left by a killed run
        String failure = run("ip", "netns", "add", pair.first);
        if (failure != null) {
            whyNot = failure;
            return null;
        }
        String[][] commands = {
            {"ip", "netns", "add", pair.second},
            {"ip", "link", "add", pair.firstLink, "type", "veth", "peer", "name", secondLink},
            {"ip", "link", "set", pair.firstLink, "netns", pair.first},
            {"ip", "link", "set", secondLink, "netns", pair.second},
            {"ip", "-n", pair.first, "addr", "add", pair.firstAddress + "/24", "dev", pair.firstLink},
            {"ip", "-n", pair.second, "addr", "add", pair.secondAddress + "/24", "dev", secondLink},
            {"ip", "-n", pair.first, "link", "set", pair.firstLink, "up"},
            {"ip", "-n", pair.second, "link", "set", secondLink, "up"},
            {"ip", "-n", pair.first, "link", "set", "lo", "up"},
            {"ip", "-n", pair.second, "link", "set", "lo", "up"}};
        for (String[] command : commands) {
            failure = run(command);
            if (failure != null) {
                pair.close();
                throw new AssertionError(String.join(" ", command) + " failed: " + failure);
            }
        }
        return pair;
    }

    /** Why {@link #create} returned null. */
    public static String whyNot() {
        return whyNot;
    }

    public String first() {
        return first;
    }

    public String second() {
        return second;
    }

    public String firstAddress() {
        return firstAddress;
    }

    public String secondAddress() {
        return secondAddress;
    }

    /** Packets received so far on the first namespace's end of the veth pair. */
    public long packetsIntoFirst() throws IOException, InterruptedException {
        Process cat = new ProcessBuilder("ip", "netns", "exec", first, "cat",
                "/sys/class/net/" + firstLink + "/statistics/rx_packets").redirectErrorStream(true).start();
        String out = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!cat.waitFor(30, TimeUnit.SECONDS) || cat.exitValue() != 0) {
            throw new AssertionError("cannot read the veth's counters: " + out);
        }
        return Long.parseLong(out);
    }

    /** Removes both namespaces (and with them the veth pair). */
    @Override
    public void close() {
        try {
            run("ip", "netns", "del", first);
            run("ip", "netns", "del", second);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Null if the command succeeded, else what it printed. */
    private static String run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " timed out";
            }
            return process.exitValue() == 0 ? null : out + " (exit " + process.exitValue() + ")";
        } catch (IOException e) {
            return String.join(" ", command) + ": " + e.getMessage();
        }
    }
}
