package org.ipc4j.process;

import java.io.Serializable;
import java.util.List;

/** What travels between a {@link ProcessPool} and its workers, through ipc4j pipes. */
final class PoolMessages {
    private PoolMessages() {
    }

    enum Kind {
        /** {@code ((PoolFunction) function).apply(argument)} */
        APPLY,
        /** {@code ((java.util.concurrent.Callable) function).call()} */
        CALL,
        /** {@code function} applied to each element of {@code (List) argument}, giving a List. */
        CHUNK,
        /** {@code ((StarFunction) function)} applied to each Object[] of {@code (List) argument}, giving a List. */
        STAR_CHUNK
    }

    record Task(long id, Kind kind, Object function, Object argument) implements Serializable {
    }

    /** Several tasks in one message: Java serialisation writes a function shared by them only once. */
    record TaskBatch(List<Task> tasks) implements Serializable {
    }

    /**
     * {@code value} is the serialised result, or the serialised Throwable the task threw when {@code failed}:
     * serialised one by one so that the parent fails only the task whose result it cannot read.
     */
    record TaskResult(long id, boolean failed, byte[] value) implements Serializable {
    }

    record ResultBatch(List<TaskResult> results) implements Serializable {
    }
}
