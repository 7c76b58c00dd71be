package org.ipc4j.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.ipc4j.errors.CannotSendException;
import org.ipc4j.errors.CorruptedException;
import org.ipc4j.testkit.SharedDirExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What cannot travel between a pool and its workers fails only its own task. */
@ExtendWith(SharedDirExtension.class)
class PoolSerialisationTest {

    /** Serialises fine in the worker, but the parent cannot read it back. */
    static final class ReadOnlyInWorker implements Serializable {
        private static final long serialVersionUID = 1L;

        private void readObject(ObjectInputStream in) throws IOException {
            throw new IOException("refused by the parent");
        }
    }

    /**
     * Issue #16 item 2: the first task of a function on a worker has an argument that cannot be serialised.
     * The function's definition went into the message, and the table records it as sent; the failed task must
     * not take the definition out with it, or every later task of that function on that worker fails with
     * "never sent".
     */
    @Test
    void aFunctionWhoseFirstTaskHasABadArgumentStillRunsItsLaterTasks() throws Exception {
        try (ProcessPool pool = new ProcessPool(1)) {
            PoolFunction<Object, String> describe = x -> "got " + x;
            CompletableFuture<String> bad = pool.applyAsync(describe, new Object());
            ExecutionException argument = assertThrows(ExecutionException.class, () -> bad.get(30, TimeUnit.SECONDS));
            assertInstanceOf(CannotSendException.class, argument.getCause());
            for (int i = 0; i < 3; i++) {
                assertEquals("got " + i, pool.applyAsync(describe, (Object) i).get(30, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void valuesThatCannotTravelFailOnlyTheirTaskAndFunctionsAreSentOnceAndReplaced() throws Exception {
        try (ProcessPool pool = new ProcessPool(2)) {
            CompletableFuture<Integer> before = pool.applyAsync(x -> x + 1, 1);
            CompletableFuture<Object> badArgument = pool.applyAsync(x -> x, new Object());
            CompletableFuture<Object> badResult = pool.applyAsync(x -> new Object(), 1);
            CompletableFuture<Object> unreadableResult = pool.applyAsync(x -> new ReadOnlyInWorker(), 1);
            Object local = new Object();
            CompletableFuture<Object> badFunction = pool.applyAsync(x -> local.hashCode(), 1);
            CompletableFuture<Integer> after = pool.applyAsync(x -> x + 1, 2);

            ExecutionException argument = assertThrows(ExecutionException.class, () -> badArgument.get(30, TimeUnit.SECONDS));
            assertInstanceOf(CannotSendException.class, argument.getCause());
            assertTrue(argument.getCause().getMessage().contains("java.lang.Object"), argument.getCause().getMessage());
            ExecutionException result = assertThrows(ExecutionException.class, () -> badResult.get(30, TimeUnit.SECONDS));
            RemoteTaskException remote = assertInstanceOf(RemoteTaskException.class, result.getCause());
            assertTrue(remote.getMessage().contains("cannot be sent back"), remote.getMessage());
            ExecutionException unreadable = assertThrows(ExecutionException.class, () -> unreadableResult.get(30, TimeUnit.SECONDS));
            CorruptedException corrupted = assertInstanceOf(CorruptedException.class, unreadable.getCause());
            assertTrue(corrupted.getMessage().contains("refused by the parent"), corrupted.getMessage());
            ExecutionException function = assertThrows(ExecutionException.class, () -> badFunction.get(30, TimeUnit.SECONDS));
            assertTrue(function.getCause().getMessage().contains("captures captured value #1 (Object)"), function.getCause().getMessage());
            assertEquals(2, before.get(30, TimeUnit.SECONDS));
            assertEquals(3, after.get(30, TimeUnit.SECONDS));

            // more distinct functions than a worker keeps: the table starts over and every task still runs
            List<CompletableFuture<Integer>> many = new ArrayList<>();
            for (int i = 0; i < 3 * FunctionTable.CAPACITY; i++) {
                int offset = i;
                many.add(pool.applyAsync(x -> x + offset, 1000));
            }
            for (int i = 0; i < many.size(); i++) {
                assertEquals(1000 + i, many.get(i).get(30, TimeUnit.SECONDS));
            }
            // one function object for many tasks, mixed argument types, null included
            PoolFunction<Object, String> describe = x -> x == null ? "null" : x.getClass().getSimpleName() + ":" + x;
            List<Object> mixed = new ArrayList<>(List.of(1, 2L, 3.0, "four", true));
            mixed.add(null);
            assertEquals(List.of("Integer:1", "Long:2", "Double:3.0", "String:four", "Boolean:true", "null"), pool.map(describe, mixed, 2));
        }
    }
}
