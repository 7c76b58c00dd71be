package org.ipc4j.process;

import java.io.EOFException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.ipc4j.channel.Connection;
import org.ipc4j.process.PoolMessages.Kind;
import org.ipc4j.process.PoolValues.UnreadableValueException;
import org.ipc4j.state.SharedLong;
import org.ipc4j.state.SharedLongArray;

/**
 * The loop a pool worker runs in its own JVM: receive a message of tasks ({@link PoolMessages}), run them in
 * order, send the results back. Results go out when the message is done or a millisecond after the last send,
 * so a slow task does not hold back the quick ones before it. Before each task the worker publishes its id in
 * a shared word ({@link RunningTaskMark}), which the parent reads if this JVM dies; it starts a task only if
 * it wins the task's start word ({@link TaskStarts}), and skips one the parent withdrew. It ends when the parent
 * closes its task pipe (EOF), or after {@code maxTasks} tasks.
 */
final class PoolWorker {
    private static final long FLUSH_NANOS = 1_000_000;
    /** This worker JVM's {@link ProcessPool#workerState()}; null in a JVM that is not a pool worker. */
    private static volatile Map<String, Object> state;

    static Map<String, Object> state() {
        return state;
    }

    /** Where result messages go: the results pipe (or a test's collector). */
    interface ResultSink {
        void send(byte[] message, int length) throws InterruptedException;
    }

    /** Where the worker publishes the {@link RunningTaskMark}. */
    interface TaskMarks {
        void publish(long mark);
    }

    /** Where the worker asks to start a task ({@link TaskStarts}): false if the parent withdrew it. */
    interface StartGate {
        boolean tryStart(int slot, long taskId);
    }

    private final ResultSink results;
    private final TaskMarks marks;
    private final StartGate gate;
    /** Function id to the function, or to the UnreadableValueException that says why it cannot be read here. */
    private final Map<Integer, Object> functions = new HashMap<>();
    private final WireOut out = new WireOut();
    private int pending;
    private long lastSend;

    PoolWorker(ResultSink results, TaskMarks marks, StartGate gate) {
        this.results = results;
        this.marks = marks;
        this.gate = gate;
        startResults();
    }

    static void run(Connection tasks, Connection results, SharedLong runningTask, SharedLongArray startWords,
            ProcessTarget initializer, ProcessTarget workerExit, int maxTasks) throws Exception {
        state = new ConcurrentHashMap<>();
        if (initializer != null) {
            initializer.run();
        }
        tasks.withWaitStrategy(RemoteWorker.WAIT);
        results.withWaitStrategy(RemoteWorker.WAIT);
        TaskStarts starts = new TaskStarts(startWords);
        PoolWorker worker = new PoolWorker((message, length) -> results.sendBytes(message, 0, length), runningTask::set,
                starts::tryStart);
        String source = "pool worker " + ProcessHandle.current().pid();
        int done = 0;
        while (maxTasks <= 0 || done < maxTasks) {
            final byte[] message;
            try {
                message = tasks.recvBytes();
            } catch (EOFException closedByParent) {
                break;
            }
            done += worker.handle(new WireIn(source, message));
        }
        if (workerExit != null) {
            // before the results pipe closes: the pool counts this worker gone only once its hook is done
            try {
                workerExit.run();
            } catch (Exception | Error e) {
                System.err.println("pool worker " + ProcessHandle.current().pid() + ": its exit hook failed:");
                e.printStackTrace();
            }
        }
        results.close();
        tasks.close();
        runningTask.close();
        startWords.close();
    }

    /** Runs the tasks of one message, sending their results; returns how many tasks it held. */
    int handle(WireIn in) throws InterruptedException {
        int done = 0;
        lastSend = System.nanoTime();
        while (in.hasMore()) {
            int record = in.readByte();
            if (record == PoolMessages.DEFINE) {
                define(in);
            } else if (record == PoolMessages.FORGET_ALL) {
                functions.clear();
            } else if (record == PoolMessages.TASK) {
                runTask(in);
                done++;
                long now = System.nanoTime();
                if (now - lastSend >= FLUSH_NANOS) {
                    flush();
                    lastSend = now;
                }
            } else {
                throw in.corrupt("unknown record " + record);
            }
        }
        if (pending > 0) {
            flush();
        }
        return done;
    }

    private void define(WireIn in) {
        int id = in.readInt();
        try {
            functions.put(id, PoolValues.read(in));
        } catch (UnreadableValueException e) {
            functions.put(id, e);
        }
    }

    private void runTask(WireIn in) {
        long id = in.readLong();
        int slot = in.readInt();
        Kind kind = Kind.of(in.readByte(), in);
        Object function = functions.get(in.readInt());
        int argumentLength = in.readLength();
        if (!gate.tryStart(slot, id)) {
            in.skip(argumentLength); // withdrawn by the parent (cancelled, shutdownNow): it never runs
            return;
        }
        marks.publish(RunningTaskMark.running(id));
        // not in a finally: a worker that dies of a task (even by a throw from here) is blamed for that task
        runTask(id, kind, function, in);
        marks.publish(RunningTaskMark.finished(id));
    }

    /** Reads the argument, runs the task and writes its result or failure into the outgoing message. */
    private void runTask(long id, Kind kind, Object function, WireIn in) {
        Object argument;
        Object value;
        try {
            argument = PoolValues.read(in);
            if (function == null || function instanceof UnreadableValueException) {
                throw new RemoteTaskException("the worker cannot read the task's function: "
                        + (function == null ? "it was never sent" : ((Throwable) function).getMessage()), "");
            }
            value = execute(kind, function, argument);
        } catch (Throwable t) {
            addFailure(id, t instanceof UnreadableValueException ? new RemoteTaskException(
                    "the worker cannot read the task's argument: " + t.getMessage(), stackTrace(t)) : t);
            return;
        }
        int mark = out.length();
        try {
            out.writeLong(id);
            out.writeByte(PoolMessages.OK);
            PoolValues.write(out, value);
            pending++;
        } catch (Throwable notSerializable) {
            out.truncate(mark);
            addFailure(id, new RemoteTaskException("the task's result, a " + value.getClass().getName()
                    + ", cannot be sent back: " + notSerializable, stackTrace(notSerializable)));
        }
    }

    /** Runs a task's function on its argument in the calling thread (a worker, or a caller of shutdownNow's tasks). */
    @SuppressWarnings("unchecked")
    static Object execute(Kind kind, Object function, Object argument) throws Exception {
        switch (kind) {
            case APPLY:
                return ((PoolFunction<Object, Object>) function).apply(argument);
            case CALL:
                return ((Callable<Object>) function).call();
            case CHUNK: {
                PoolFunction<Object, Object> f = (PoolFunction<Object, Object>) function;
                List<Object> chunk = (List<Object>) argument;
                int size = chunk.size();
                List<Object> values = new ArrayList<>(size);
                // in slices, for the reason given at PoolValues.SLICE
                for (int from = 0; from < size; from += PoolValues.SLICE) {
                    applyEach(f, chunk, from, Math.min(size, from + PoolValues.SLICE), values);
                }
                return values;
            }
            case STAR_CHUNK: {
                StarFunction<Object> f = (StarFunction<Object>) function;
                List<Object[]> chunk = (List<Object[]>) argument;
                List<Object> values = new ArrayList<>(chunk.size());
                for (Object[] arguments : chunk) {
                    values.add(f.apply(arguments));
                }
                return values;
            }
            default:
                throw new IllegalStateException("unknown task kind " + kind);
        }
    }

    private static void applyEach(PoolFunction<Object, Object> f, List<Object> arguments, int from, int to, List<Object> values)
            throws Exception {
        for (int i = from; i < to; i++) {
            values.add(f.apply(arguments.get(i)));
        }
    }

    /** The Throwable itself if it can be serialised, else its text and stack trace. */
    private void addFailure(long id, Throwable thrown) {
        int mark = out.length();
        out.writeLong(id);
        out.writeByte(PoolMessages.FAILED);
        int valueAt = out.length();
        try {
            PoolValues.writeSerialized(out, thrown);
        } catch (Throwable notSerializable) {
            out.truncate(valueAt);
            try {
                PoolValues.writeSerialized(out, new RemoteTaskException(thrown.toString(), stackTrace(thrown)));
            } catch (IOException | RuntimeException e) {
                // not even text goes: dying while marked running makes the parent fail this task, not lose it
                out.truncate(mark);
                throw new IllegalStateException("cannot report the failure of task " + id, e);
            }
        }
        pending++;
    }

    private void startResults() {
        out.truncate(0);
        out.writeInt(0);
        pending = 0;
    }

    private void flush() throws InterruptedException {
        out.putInt(0, pending);
        results.send(out.array(), out.length());
        startResults();
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
