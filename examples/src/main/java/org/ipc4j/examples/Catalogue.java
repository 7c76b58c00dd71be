package org.ipc4j.examples;

import java.util.List;
import java.util.Optional;

/** Every example: its name, the seed program it mirrors, what it shows, and its main method. */
public final class Catalogue {
    /** An example's {@code main}. */
    @FunctionalInterface
    public interface ExampleMain {
        void main(String[] args) throws Exception;
    }

    /** One example; {@code source} names the seed file(s) and program number(s) it mirrors. */
    public record Entry(String name, String source, String description, ExampleMain main) {
    }

    private static final String SEED_0 = "000_ef5a6b27d8520a26.txt program ";
    private static final String SEED_1 = "001_a818457dac533d40.txt program ";
    private static final String SEED_2 = "002_e1cb815d5437ad92.txt program ";
    private static final String SEED_3 = "003_a9b0aa1739b70ad8.txt program ";
    private static final String SEED_4 = "004_b19cf644d1653623.txt program ";

    private static final List<Entry> ENTRIES = List.of(
            new Entry("ForkLikeChild", SEED_0 + "1; " + SEED_2 + "10 (fork part)",
                    "fork() has no JVM twin: a child JVM running a lambda, under spawn and warm", ForkLikeChild::main),
            new Entry("ProcessStartJoin", SEED_0 + "2; " + SEED_2 + "10 (Process part)",
                    "Process(target, args), start(), join()", ProcessStartJoin::main),
            new Entry("StartMethodRandom", SEED_0 + "3",
                    "a static random number in parent and child: every start method behaves like spawn",
                    StartMethodRandom::main),
            new Entry("ProcessAliveAndPid", SEED_1 + "6",
                    "isAlive() and pid() before start, after start, after join", ProcessAliveAndPid::main),
            new Entry("SubprocessCall", SEED_1 + "8",
                    "subprocess.call: run an external command, print its exit code", SubprocessCall::main),
            new Entry("FiveChildren", SEED_3 + "11",
                    "five children print their pid and their parent's pid", FiveChildren::main),
            new Entry("ProcessNames", SEED_3 + "12",
                    "current_process().name, module, getppid(), getpid() in five children", ProcessNames::main),
            new Entry("JoinTwoChildren", SEED_3 + "13",
                    "join() two children sleeping 1 s and 2 s; isAlive, name, pid", JoinTwoChildren::main),
            new Entry("SubProcessSubclass", SEED_3 + "14",
                    "a JvmProcess subclass with fields and a name, overriding run()", SubProcessSubclass::main),
            new Entry("DownloadSubclass", SEED_3 + "15",
                    "a JvmProcess subclass; the parent sleeps 10 s instead of joining", DownloadSubclass::main),
            new Entry("ProcessFromLoop", SEED_4 + "26",
                    "two children started from inside the parent's loop, one joined", ProcessFromLoop::main),
            new Entry("MyProcessSubclass", SEED_4 + "27",
                    "program 26 with a JvmProcess subclass overriding run()", MyProcessSubclass::main));

    private Catalogue() {
    }

    public static List<Entry> entries() {
        return ENTRIES;
    }

    /** The entry named {@code name}, ignoring case. */
    public static Optional<Entry> find(String name) {
        return ENTRIES.stream().filter(e -> e.name().equalsIgnoreCase(name)).findFirst();
    }
}
