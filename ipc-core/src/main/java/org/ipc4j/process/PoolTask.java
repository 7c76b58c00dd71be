package org.ipc4j.process;

import java.util.concurrent.CompletableFuture;

import org.ipc4j.process.PoolMessages.Kind;

/** A submitted task, and the future its caller holds. */
final class PoolTask extends CompletableFuture<Object> {
    final long id;
    final Kind kind;
    final Object function;
    final Object argument;

    PoolTask(long id, Kind kind, Object function, Object argument) {
        this.id = id;
        this.kind = kind;
        this.function = function;
        this.argument = argument;
    }
}
