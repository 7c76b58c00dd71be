package org.ipc4j.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.ipc4j.wait.WaitStrategies;

/**
 * The iterators of {@code imap} and {@code imap_unordered}. The arguments are read from their iterator on the
 * caller's thread, so that at most {@code bufferSize} chunks are in the pool and not yet handed to the caller
 * (Python 3.15's {@code buffersize}; an endless iterator works); the first ones are submitted at once, as
 * Python submits them at the call. An unbounded buffer submits everything at once.
 */
final class BoundedMaps {
    /** A buffer that never holds the reading back: every chunk is submitted by the call. */
    static final int UNBOUNDED = Integer.MAX_VALUE;
    private static final long NO_DEADLINE = Long.MAX_VALUE;

    private BoundedMaps() {
    }

    static <A, R> PoolIterator<R> ordered(Iterator<? extends A> arguments, int chunkSize, int bufferSize,
                                          Function<List<A>, CompletableFuture<List<R>>> submit) {
        return new Ordered<>(new Feed<>(arguments, chunkSize, bufferSize, submit));
    }

    static <A, R> PoolIterator<R> unordered(Iterator<? extends A> arguments, int chunkSize, int bufferSize,
                                            Function<List<A>, CompletableFuture<List<R>>> submit) {
        return new Unordered<>(new Feed<>(arguments, chunkSize, bufferSize, submit));
    }

    static void check(int chunkSize, int bufferSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be >= 1, not " + chunkSize);
        }
        if (bufferSize < 1) {
            throw new IllegalArgumentException("buffer size must be >= 1, not " + bufferSize);
        }
    }

    /** Reads the next chunks of arguments and submits them. */
    private static final class Feed<A, R> {
        private final Iterator<? extends A> arguments;
        private final int chunkSize;
        final int bufferSize;
        private final Function<List<A>, CompletableFuture<List<R>>> submit;

        Feed(Iterator<? extends A> arguments, int chunkSize, int bufferSize, Function<List<A>, CompletableFuture<List<R>>> submit) {
            this.arguments = arguments;
            this.chunkSize = chunkSize;
            this.bufferSize = bufferSize;
            this.submit = submit;
        }

        /** The next chunk submitted, or null once the arguments are exhausted. */
        CompletableFuture<List<R>> next() {
            if (!arguments.hasNext()) {
                return null;
            }
            List<A> chunk = new ArrayList<>(Math.min(chunkSize, 1024));
            while (chunk.size() < chunkSize && arguments.hasNext()) {
                chunk.add(arguments.next());
            }
            return submit.apply(chunk);
        }
    }

    /** The results chunk by chunk; a chunk taken but not yet done when a timed call gave up stays for the next call. */
    private abstract static class Chunked<R> implements PoolIterator<R> {
        private Iterator<R> current = List.<R>of().iterator();
        private CompletableFuture<List<R>> taken;

        /** The next chunk to hand over (done or not), waiting until the deadline if it must; null at the end. */
        abstract CompletableFuture<List<R>> take(long deadlineNanos) throws InterruptedException, TimeoutException;

        @Override
        public boolean hasNext() {
            try {
                return advance(NO_DEADLINE);
            } catch (TimeoutException cannotHappen) {
                throw new IllegalStateException(cannotHappen);
            }
        }

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        @Override
        public R next(Duration timeout) throws TimeoutException {
            long deadline = WaitStrategies.deadline(timeout);
            try {
                if (!advance(deadline)) {
                    throw new NoSuchElementException();
                }
            } catch (TimeoutException e) {
                throw new TimeoutException("no result within " + timeout.toMillis() + " ms; a later one is there for the next call");
            }
            return current.next();
        }

        private boolean advance(long deadlineNanos) throws TimeoutException {
            try {
                while (!current.hasNext()) {
                    if (taken == null) {
                        taken = take(deadlineNanos);
                        if (taken == null) {
                            return false;
                        }
                    }
                    List<R> values = deadlineNanos == NO_DEADLINE ? taken.get()
                            : taken.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
                    taken = null;
                    current = values.iterator();
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a result");
            } catch (ExecutionException e) {
                taken = null;
                throw new CompletionException(e.getCause());
            }
        }

        static long remaining(long deadlineNanos) {
            return deadlineNanos == NO_DEADLINE ? Long.MAX_VALUE : deadlineNanos - System.nanoTime();
        }
    }

    private static final class Ordered<A, R> extends Chunked<R> {
        private final Feed<A, R> feed;
        private final ArrayDeque<CompletableFuture<List<R>>> inFlight = new ArrayDeque<>();
        private boolean exhausted;

        Ordered(Feed<A, R> feed) {
            this.feed = feed;
            topUp();
        }

        @Override
        CompletableFuture<List<R>> take(long deadlineNanos) {
            topUp();
            CompletableFuture<List<R>> head = inFlight.pollFirst();
            topUp(); // the head is the caller's now: keep the workers busy while it is read
            return head;
        }

        private void topUp() {
            while (!exhausted && inFlight.size() < feed.bufferSize) {
                CompletableFuture<List<R>> chunk = feed.next();
                if (chunk == null) {
                    exhausted = true;
                } else {
                    inFlight.addLast(chunk);
                }
            }
        }
    }

    private static final class Unordered<A, R> extends Chunked<R> {
        private final Feed<A, R> feed;
        private final BlockingQueue<CompletableFuture<List<R>>> done = new LinkedBlockingQueue<>();
        private int inFlight;
        private boolean exhausted;

        Unordered(Feed<A, R> feed) {
            this.feed = feed;
            topUp();
        }

        @Override
        CompletableFuture<List<R>> take(long deadlineNanos) throws InterruptedException, TimeoutException {
            topUp();
            if (inFlight == 0) {
                return null;
            }
            CompletableFuture<List<R>> first = done.poll(remaining(deadlineNanos), TimeUnit.NANOSECONDS);
            if (first == null) {
                throw new TimeoutException("no chunk finished in time");
            }
            inFlight--;
            topUp();
            return first;
        }

        private void topUp() {
            while (!exhausted && inFlight < feed.bufferSize) {
                CompletableFuture<List<R>> chunk = feed.next();
                if (chunk == null) {
                    exhausted = true;
                } else {
                    inFlight++;
                    chunk.whenComplete((value, error) -> done.add(chunk));
                }
            }
        }
    }
}
