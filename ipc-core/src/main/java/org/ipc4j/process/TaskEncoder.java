package org.ipc4j.process;

import org.ipc4j.errors.CannotSendException;

/** Writes a task into a worker's message ({@link PoolMessages}), defining its function there first if needed. */
final class TaskEncoder {
    private TaskEncoder() {
    }

    /**
     * On failure {@code message} is left as it was but for a function definition that went in, which must stay
     * (the table records the function as sent); the caller must not cut it out.
     */
    static void encode(WireOut message, FunctionTable functions, PoolTask task, String pool) {
        int function = functions.idOf(task.function, message, "the function of task " + task.id + " of pool '" + pool + "'");
        // a definition stays even if the argument fails: the worker now keeps that function
        int taskStart = message.length();
        try {
            message.writeByte(PoolMessages.TASK);
            message.writeLong(task.id);
            message.writeInt(task.slot);
            message.writeByte(task.kind.ordinal());
            message.writeInt(function);
            int lengthAt = message.reserve(1);
            message.skip(4);
            PoolValues.write(message, task.argument);
            message.putInt(lengthAt, message.length() - lengthAt - 4);
        } catch (Throwable e) {
            message.truncate(taskStart);
            throw new CannotSendException("pool '" + pool + "': cannot send task " + task.id + " to a worker: its argument"
                    + (task.argument == null ? "" : " (a " + task.argument.getClass().getName() + ")") + " cannot be serialised: "
                    + e, e);
        }
    }
}
