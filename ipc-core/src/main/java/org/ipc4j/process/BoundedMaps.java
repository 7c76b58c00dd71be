package org.ipc4j.process;

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
import java.util.function.Function;

/**
 * The lazy {@code imap} and {@code imap_unordered} of Python 3.15's {@code buffersize}: the arguments are read
 * from their iterator on the caller's thread, as results are taken, so that at most {@code bufferSize} chunks
 * are in the pool and not yet handed to the caller. An endless iterator works; a map of a million elements
 * does not hold a million futures.
 */
final class BoundedMaps {
    private BoundedMaps() {
    }

    static <A, R> Iterator<R> ordered(Iterator<? extends A> arguments, int chunkSize, int bufferSize,
                                      Function<List<A>, CompletableFuture<List<R>>> submit) {
        return new Ordered<>(new Feed<>(arguments, chunkSize, bufferSize, submit));
    }

    static <A, R> Iterator<R> unordered(Iterator<? extends A> arguments, int chunkSize, int bufferSize,
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
            List<A> chunk = new ArrayList<>(chunkSize);
            while (chunk.size() < chunkSize && arguments.hasNext()) {
                chunk.add(arguments.next());
            }
            return submit.apply(chunk);
        }
    }

    private static <R> List<R> await(CompletableFuture<List<R>> chunk) {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while waiting for a result");
        } catch (ExecutionException e) {
            throw new CompletionException(e.getCause());
        }
    }

    private static final class Ordered<A, R> implements Iterator<R> {
        private final Feed<A, R> feed;
        private final ArrayDeque<CompletableFuture<List<R>>> inFlight = new ArrayDeque<>();
        private Iterator<R> current = List.<R>of().iterator();
        private boolean exhausted;

        Ordered(Feed<A, R> feed) {
            this.feed = feed;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                topUp();
                CompletableFuture<List<R>> head = inFlight.pollFirst();
                if (head == null) {
                    return false;
                }
                topUp(); // the head is the caller's now: keep the workers busy while it is read
                current = await(head).iterator();
            }
            return true;
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

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }

    private static final class Unordered<A, R> implements Iterator<R> {
        private final Feed<A, R> feed;
        private final BlockingQueue<CompletableFuture<List<R>>> done = new LinkedBlockingQueue<>();
        private int inFlight;
        private Iterator<R> current = List.<R>of().iterator();
        private boolean exhausted;

        Unordered(Feed<A, R> feed) {
            this.feed = feed;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext()) {
                topUp();
                if (inFlight == 0) {
                    return false;
                }
                final CompletableFuture<List<R>> first;
                try {
                    first = done.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("interrupted while waiting for a result");
                }
                inFlight--;
                topUp();
                current = await(first).iterator();
            }
            return true;
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

        @Override
        public R next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }
    }
}
