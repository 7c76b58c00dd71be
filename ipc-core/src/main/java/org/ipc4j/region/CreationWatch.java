package org.ipc4j.region;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;

/**
 * Tells an opener that waits for a creator when something is created in the shared-memory directory: inotify
 * through the JDK's {@link WatchService}. Where none can be had, {@link #awaitCreation} sleeps instead, so the
 * opener looks again at its own pace. Registered before the opener's first look that may fail, so that a
 * creation right after that look is not missed.
 */
final class CreationWatch implements AutoCloseable {
    private final WatchService service;

    private CreationWatch(WatchService service) {
        this.service = service;
    }

    static CreationWatch of(Path directory) {
        WatchService service = null;
        try {
            service = FileSystems.getDefault().newWatchService();
            directory.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return new CreationWatch(service);
        } catch (IOException | UnsupportedOperationException e) {
            closeQuietly(service);
            return new CreationWatch(null);
        }
    }

    /** Returns when an entry was created or changed, after at most {@code maxNanos}, or at once on an interrupt. */
    void awaitCreation(long maxNanos) throws InterruptedException {
        if (service == null) {
            TimeUnit.NANOSECONDS.sleep(maxNanos);
            return;
        }
        try {
            WatchKey key = service.poll(maxNanos, TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            TimeUnit.NANOSECONDS.sleep(maxNanos);
        }
    }

    @Override
    public void close() {
        closeQuietly(service);
    }

    private static void closeQuietly(WatchService service) {
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                // nothing held but the inotify descriptor, which close releases anyway
            }
        }
    }
}
