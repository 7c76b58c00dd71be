package org.ipc4j.process;

import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
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
 * The loop a pool worker runs in its own JVM: receive a batch of tasks, run them, send the results back.
 * It ends when the parent closes its task pipe (EOF), or after {@code maxTasks} tasks.
 */
final class PoolWorker {
    private PoolWorker() {
    }

    static void run(Connection tasks, Connection results, ProcessTarget initializer, int maxTasks) throws Exception {
        if (initializer != null) {
            initializer.run();
        }
        int done = 0;
        while (maxTasks <= 0 || done < maxTasks) {
            final TaskBatch batch;
            try {
                batch = (TaskBatch) tasks.recv();
            } catch (EOFException closedByParent) {
                break;
            }
            List<TaskResult> out = new ArrayList<>(batch.tasks().size());
            for (Task task : batch.tasks()) {
                out.add(execute(task));
            }
            send(results, out);
            done += batch.tasks().size();
        }
        results.close();
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private static TaskResult execute(Task task) {
        try {
            Object value;
            switch (task.kind()) {
                case APPLY:
                    value = ((PoolFunction<Object, Object>) task.function()).apply(task.argument());
                    break;
                case STAR:
                    value = ((StarFunction<Object>) task.function()).apply((Object[]) task.argument());
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
            return new TaskResult(task.id(), false, value);
        } catch (Throwable t) {
            return new TaskResult(task.id(), true, t);
        }
    }

    /** Sends the batch; only if that fails are the results checked one by one (serialising twice is the slow path). */
    private static void send(Connection results, List<TaskResult> out) throws InterruptedException {
        try {
            results.send(new ResultBatch(out));
        } catch (IllegalArgumentException notSerializable) {
            List<TaskResult> fixed = new ArrayList<>(out.size());
            for (TaskResult result : out) {
                fixed.add(sendable(result.value()) ? result : unsendable(result));
            }
            results.send(new ResultBatch(fixed));
        }
    }

    private static TaskResult unsendable(TaskResult result) {
        Object value = result.value();
        if (result.failed()) {
            Throwable t = (Throwable) value;
            return new TaskResult(result.id(), true, new RemoteTaskException(t.toString(), stackTrace(t)));
        }
        return new TaskResult(result.id(), true, new RemoteTaskException("the task's result, a "
                + value.getClass().getName() + ", is not Serializable", ""));
    }

    private static boolean sendable(Object value) {
        try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
            out.writeObject(value);
            return true;
        } catch (NotSerializableException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter text = new StringWriter();
        t.printStackTrace(new PrintWriter(text));
        return text.toString();
    }
}
