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

    /**
     * One example; {@code source} names the seed file(s) and program number(s) it mirrors. A {@code byHand}
     * example is one of a pair a user starts in two terminals; {@code all} does not run those.
     */
    public record Entry(String name, String source, String description, ExampleMain main, boolean byHand) {
        Entry(String name, String source, String description, ExampleMain main) {
            this(name, source, description, main, false);
        }
    }

    private static final String BY_HAND = "no seed program: start by hand in two terminals";

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
            new Entry("PoolApplyAsync", SEED_0 + "4",
                    "Pool(4): five apply_async tasks sleeping 2 s, printing x*x; close(), join()", PoolApplyAsync::main),
            new Entry("QueueWriterReader", SEED_0 + "5",
                    "a Queue between a writer process (1..4) and a reader process; DONE", QueueWriterReader::main),
            new Entry("ProcessAliveAndPid", SEED_1 + "6",
                    "isAlive() and pid() before start, after start, after join", ProcessAliveAndPid::main),
            new Entry("PoolRandomSleeps", SEED_1 + "7; " + SEED_2 + "10 (Pool part)",
                    "Pool(4): five tasks sleeping random times, printing pids and durations", PoolRandomSleeps::main),
            new Entry("SubprocessCall", SEED_1 + "8",
                    "subprocess.call: run an external command, print its exit code", SubprocessCall::main),
            new Entry("QueueReaderTerminated", SEED_1 + "9",
                    "a writer puts A, B, C; a reader loops on get(); the reader is terminated", QueueReaderTerminated::main),
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
            new Entry("LockTakingTurns", SEED_3 + "16",
                    "Lock: three processes take turns around a critical section", LockTakingTurns::main),
            new Entry("SemaphoreKtv", SEED_3 + "17",
                    "Semaphore(2): thirteen KTV users, at most two inside", SemaphoreKtv::main),
            new Entry("EventTrafficLight", SEED_3 + "18",
                    "Event: cars wait for green, police cars wait 0.1 s, a light toggles every 10 s",
                    EventTrafficLight::main),
            new Entry("PoolTenTasks", SEED_3 + "19",
                    "Pool(4) with ten tasks sleeping 1 s", PoolTenTasks::main),
            new Entry("PoolPortScan", SEED_3 + "20",
                    "Pool(16) scans ports 0..65535 of 127.0.0.1 in 16 chunks of 4096", PoolPortScan::main),
            new Entry("QueueFullEmpty", SEED_3 + "21",
                    "Queue(3): full(), put_nowait on a full queue, qsize(), get_nowait, empty()", QueueFullEmpty::main),
            new Entry("QueueParentChild", SEED_3 + "22",
                    "one Queue for parent and child: both put, the parent takes both", QueueParentChild::main),
            new Entry("QueueTwoWriters", SEED_3 + "23",
                    "two writer processes and a reader that is terminated", QueueTwoWriters::main),
            new Entry("QueueWriteThenRead", SEED_3 + "24",
                    "a writer puts five messages; a reader reads with get(True, 2) until empty", QueueWriteThenRead::main),
            new Entry("PipeSendRecv", SEED_3 + "25",
                    "Pipe(): one process sends ten urls, another receives until terminated", PipeSendRecv::main),
            new Entry("ProcessFromLoop", SEED_4 + "26",
                    "two children started from inside the parent's loop, one joined", ProcessFromLoop::main),
            new Entry("MyProcessSubclass", SEED_4 + "27",
                    "program 26 with a JvmProcess subclass overriding run()", MyProcessSubclass::main),
            new Entry("StartMethodQueue", SEED_4 + "28",
                    "set_start_method: spawn and warm; a Queue carries 'Python' back", StartMethodQueue::main),
            new Entry("ContextStartMethod", SEED_4 + "29",
                    "get_context: a start method for one process; a Queue carries 'Python' back", ContextStartMethod::main),
            new Entry("PoolStarMap", SEED_4 + "30",
                    "several arguments per pool task: one holder argument, partial, starmap", PoolStarMap::main),
            new Entry("PipeQueueSharedMemory", SEED_4 + "31",
                    "Pipe, Queue, Value and Array, and a shared dict without a Manager", PipeQueueSharedMemory::main),
            new Entry("QueueProducer", BY_HAND,
                    "puts messages into a named SharedQueue, then shuts it down", QueueProducer::main, true),
            new Entry("QueueConsumer", BY_HAND,
                    "takes every message from the same named SharedQueue, then removes it", QueueConsumer::main, true),
            new Entry("NetQueueReader", SEED_0 + "5, across hosts (start first)",
                    "the reader of program 5 on one host: listens, takes four, DONE", NetQueueWriterReader::reader, true),
            new Entry("NetQueueWriter", SEED_0 + "5, across hosts",
                    "the writer of program 5 on another host: puts 1..4 into the reader's queue", NetQueueWriterReader::writer, true),
            new Entry("LockContender", BY_HAND,
                    "takes a named SharedLock in turns with its copies in other terminals", LockContender::main, true));

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
