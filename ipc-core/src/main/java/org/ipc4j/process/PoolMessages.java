package org.ipc4j.process;

/**
 * The binary messages between a {@link ProcessPool} and a worker, through ipc4j pipes (values as
 * {@link PoolValues} writes them).
 *
 * <pre>
 *   task message   = record*
 *   record         = DEFINE int:functionId value:function     the worker keeps the function under that id
 *                  | FORGET_ALL                              the worker drops every function it keeps
 *                  | TASK long:taskId int:startSlot byte:kind int:functionId int:length value:argument
 *   result message = int:count ( long:taskId byte:OK|FAILED value )*   the value is the result or the Throwable
 * </pre>
 *
 * A function is sent to a worker once, the first time that worker gets a task of it, and is then named by
 * its id. The worker starts a task only if it wins the task's start word ({@link TaskStarts}, slot
 * {@code startSlot}); else the parent withdrew it and the worker skips its {@code length} argument bytes. A result message with no results tells the parent the worker has run its initializer.
 */
final class PoolMessages {
    static final int DEFINE = 1;
    static final int FORGET_ALL = 2;
    static final int TASK = 3;

    static final int OK = 0;
    static final int FAILED = 1;

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
        STAR_CHUNK;

        private static final Kind[] ALL = values();

        static Kind of(int ordinal, WireIn in) {
            if (ordinal < 0 || ordinal >= ALL.length) {
                throw in.corrupt("unknown task kind " + ordinal);
            }
            return ALL[ordinal];
        }
    }
}
