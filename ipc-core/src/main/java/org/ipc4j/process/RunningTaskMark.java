package org.ipc4j.process;

/**
 * The encoding of the shared word through which a pool worker says which task it is running, so that the
 * parent blames exactly that task when the worker dies. The worker marks a task running before it reads the
 * task's argument and finished once its result is written into the outgoing message (not yet sent).
 *
 * <pre>
 *   NONE (-1)          no task has started in this worker
 *   id &lt;&lt; 1 | 1        task id is running: reading its argument, executing, or serialising its result
 *   id &lt;&lt; 1            task id was the last to finish; none is running
 * </pre>
 */
final class RunningTaskMark {
    static final long NONE = -1;

    private RunningTaskMark() {
    }

    static long running(long taskId) {
        return taskId << 1 | 1;
    }

    static long finished(long taskId) {
        return taskId << 1;
    }

    /** The id of the task running when the word was read, or -1 if none was. */
    static long runningTask(long mark) {
        return mark >= 0 && (mark & 1) == 1 ? mark >>> 1 : -1;
    }
}
