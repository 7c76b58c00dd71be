package org.ipc4j.process;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.ipc4j.channel.Connection;
import org.ipc4j.process.PoolMessages.ResultBatch;
import org.ipc4j.process.PoolMessages.Task;
import org.ipc4j.process.PoolMessages.TaskBatch;
import org.ipc4j.process.PoolMessages.TaskResult;

/**
 * The loop a pool worker runs in its own JVM: receive a batch of tasks, run them in order, send results
 * back. Results go out when the batch is done or a millisecond after the last send, so a slow task does not
 * hold back the quick ones before it. It ends when the parent closes its task pipe (EOF), or after
 * {@code maxTasks} tasks.
 */
final class PoolWorker {
    private static final long FLUSH_NANOS = 1_000_000;

    private PoolWorker() {
    }

    static void run(Connection tasks, Connection results, ProcessTarget initializer, int maxTasks) throws Exception {
        if (initializer != null) {
            initializer.run();
        }
        // an empty batch says "initialised": tasks held by a worker that dies before this never ran
        results.send(new ResultBatch(List.of()));
        ByteArrayOutputStream scratch = new ByteArrayOutputStream();
        int done = 0;
        while (maxTasks <= 0 || done < maxTasks) {
            final TaskBatch batch;
            try {
                batch = (TaskBatch) tasks.recv();
            } catch (EOFException closedByParent) {
                break;
            }
            List<TaskResult> out = new ArrayList<>();
            long lastSend = System.nanoTime();
            for (int i = 0; i < batch.tasks().size(); i++) {
                out.add(execute(batch.tasks().get(i), scratch));
                long now = System.nanoTime();
                if (i == batch.tasks().size() - 1 || now - lastSend >= FLUSH_NANOS) {
                    results.send(new ResultBatch(out));
                    out = new ArrayList<>();
                    lastSend = now;
                }
            }
            done += batch.tasks().size();
        }
        results.close();
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static TaskResult execute(Task task, ByteArrayOutputStream scratch) {
        Object value;
        try {
            switch (task.kind()) {
                case APPLY:
                    value = ((PoolFunction<Object, Object>) task.function()).apply(task.argument());
                    break;
                case CALL:
                    value = ((Callable<Object>) task.function()).call();
                    break;
                case CHUNK: {
                    PoolFunction<Object, Object> f = (PoolFunction<Object, Object>) task.function();
                    List<Object> chunk = (List<Object>) task.argument();
                    List<Object> values = new ArrayList<>(chunk.size());
                    for (Object argument : chunk) {
                        values.add(f.apply(argument));
                    }
                    value = values;
                    break;
                }
                case STAR_CHUNK: {
                    StarFunction<Object> f = (StarFunction<Object>) task.function();
                    List<Object[]> chunk = (List<Object[]>) task.argument();
                    List<Object> values = new ArrayList<>(chunk.size());
                    for (Object[] arguments : chunk) {
                        values.add(f.apply(arguments));
                    }
                    value = values;
                    break;
                }
                default:
                    throw new IllegalStateException("unknown task kind " + task.kind());
            }
        } catch (Throwable t) {
            byte[] thrown = serialise(t, scratch);
            return new TaskResult(task.id(), true, thrown != null ? thrown
                    : serialise(new RemoteTaskException(t.toString(), stackTrace(t)), scratch));
        }
        byte[] result = serialise(value, scratch);
        return result != null ? new TaskResult(task.id(), false, result)
                : new TaskResult(task.id(), true, serialise(new RemoteTaskException("the task's result, a "
                        + value.getClass().getName() + ", is not Serializable", ""), scratch));
    }

    /** The value's serialised form, or null if it cannot be serialised. */
    private static byte[] serialise(Object value, ByteArrayOutputStream scratch) {
        scratch.reset();
        try (ObjectOutputStream out = new ObjectOutputStream(scratch)) {
            out.writeObject(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return scratch.toByteArray();
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
