package org.ipc4j.process;

import java.time.Duration;

/**
 * What a {@link ProcessPool.Builder} decided: the pool's name and size, the hooks each worker runs when it
 * starts and when it leaves, how many tasks a worker runs before it is replaced (0: no limit), how workers
 * start (null: the default), the timeout of a task submitted without one (null: none), and where the workers'
 * output goes (null: this JVM's).
 */
record PoolSettings(String name, int processes, ProcessTarget initializer, ProcessTarget workerExit, int maxTasksPerChild,
                    StartMethod startMethod, Duration taskTimeout, ProcessBuilder.Redirect workerOutput) {
}
