package org.ipc4j.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import org.agrona.IoUtil;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.ipc4j.errors.Ipc4jException;
import org.ipc4j.os.Os;
import org.ipc4j.os.ProcessId;
import org.ipc4j.region.RegionDirectory;

/**
 * The Aeron media driver embedded in this JVM, started by the first network object and stopped when the last
 * one closes (or the JVM exits).
 *
 * <p>One driver per JVM, not one per host: its life is the user's program's, so there is no daemon to install,
 * start, or find dead; a JVM killed with SIGKILL takes its driver with it, and the next JVM to start one
 * removes the dead driver's directory. By default the driver runs in {@code INVOKER} mode, driven by the
 * threads that wait for the network and by one background thread while none does ({@link DriverDuty}). The
 * cost: that background thread per JVM (parking up to 1 ms when idle), and a peer's pause stops its heartbeats too.
 *
 * <p>The driver's files live in the ipc4j directory as {@code aeron-<pid namespace>-<pid>-<start time>-<n>}.
 */
final class NetDriver {
    private static final String PREFIX = "aeron-";
    private static final String PID_NAMESPACE = pidNamespace();
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final Object LOCK = new Object();
    /** Written under LOCK; volatile because {@link #pump()} reads it on every wait without taking LOCK. */
    private static volatile NetDriver current;
    private static int users;

    private final MediaDriver driver;
    private final DriverDuty duty;
    private final Aeron aeron;
    private final Thread shutdownHook;

    private NetDriver(MediaDriver driver, DriverDuty duty, Aeron aeron) {
        this.driver = driver;
        this.duty = duty;
        this.aeron = aeron;
        this.shutdownHook = new Thread(this::stop, "ipc4j-net-driver-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The running driver, started if none runs; every call needs a {@link #release()}. */
    static Aeron acquire() {
        synchronized (LOCK) {
            if (current == null) {
                current = start();
            }
            users++;
            return current.aeron;
        }
    }

    /**
     * Runs one duty cycle of this JVM's driver on the calling thread if it runs in {@code INVOKER} mode and no
     * other thread is running one; the work done. Called by threads that wait for the network, and after a send.
     */
    static int pump() {
        NetDriver driver = current;
        return driver == null || driver.duty == null ? 0 : driver.duty.pump();
    }

    static void release() {
        synchronized (LOCK) {
            if (users == 0) {
                return;
            }
            if (--users == 0) {
                NetDriver stopping = current;
                current = null;
                try {
                    Runtime.getRuntime().removeShutdownHook(stopping.shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook runs anyway
                }
                stopping.stop();
            }
        }
    }

    private static NetDriver start() {
        Path base = RegionDirectory.current();
        removeDeadDrivers(base);
        ProcessId self = Os.currentProcess();
        String dir = base.resolve(PREFIX + PID_NAMESPACE + "-" + self.pid() + "-" + self.startTime() + "-"
                + SEQUENCE.incrementAndGet()).toString();
        MediaDriver.Context context = new MediaDriver.Context()
                .aeronDirectoryName(dir)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .threadingMode(NetSettings.THREADING)
                .sharedIdleStrategy(idle())
                .sharedNetworkIdleStrategy(idle())
                .senderIdleStrategy(idle())
                .receiverIdleStrategy(idle())
                .conductorIdleStrategy(idle())
                .termBufferSparseFile(true)
                .publicationTermBufferLength(NetSettings.TERM_LENGTH)
                .ipcTermBufferLength(NetSettings.TERM_LENGTH)
                .timerIntervalNs(NetSettings.TIMER_INTERVAL_NANOS)
                .statusMessageTimeoutNs(NetSettings.STATUS_INTERVAL_NANOS)
                .imageLivenessTimeoutNs(NetSettings.PEER_TIMEOUT_NANOS)
                .publicationConnectionTimeoutNs(NetSettings.PEER_TIMEOUT_NANOS)
                .publicationLingerTimeoutNs(TimeUnit.MILLISECONDS.toNanos(100));
        MediaDriver driver = null;
        DriverDuty duty = null;
        try {
            driver = MediaDriver.launch(context);
            if (driver.sharedAgentInvoker() != null) {
                duty = new DriverDuty(driver.sharedAgentInvoker(), dir);
            }
            Aeron aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .threadFactory(NetDriver::daemon) // a program that forgets to close still exits (then the hook stops the driver)
                    .idleStrategy(new BackoffIdleStrategy(10, 10, TimeUnit.MICROSECONDS.toNanos(10),
                            TimeUnit.MILLISECONDS.toNanos(1))));
            return new NetDriver(driver, duty, aeron);
        } catch (RuntimeException e) {
            if (duty != null) {
                duty.close();
            }
            if (driver != null) {
                driver.close();
            }
            throw new Ipc4jException("cannot start the embedded Aeron media driver in " + dir + ": " + e, e);
        }
    }

    private static Thread daemon(Runnable task) {
        Thread thread = new Thread(task);
        thread.setDaemon(true);
        return thread;
    }

    private static BackoffIdleStrategy idle() {
        return new BackoffIdleStrategy(50, NetSettings.IDLE_YIELDS, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    private void stop() {
        aeron.close();
        if (duty != null) {
            duty.close();
        }
        driver.close();
    }

    /**
     * Removes the directories of drivers whose JVM is gone. A directory is named after its JVM's PID namespace,
     * pid and start time: in this namespace the process table decides (pid reuse cannot fool it); from another
     * one, only a driver heartbeat older than Aeron's driver timeout does.
     */
    static void removeDeadDrivers(Path base) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(base, PREFIX + "*")) {
            for (Path entry : entries) {
                String[] parts = entry.getFileName().toString().substring(PREFIX.length()).split("-");
                if (parts.length != 4 || !Files.isDirectory(entry)) {
                    continue;
                }
                File dir = entry.toFile();
                boolean gone;
                if (parts[0].equals(PID_NAMESPACE)) {
                    long pid = parse(parts[1]);
                    long startTime = parse(parts[2]);
                    gone = pid > 0 && startTime > 0 && !Os.liveness().isAlive(pid, startTime);
                } else {
                    gone = !CommonContext.isDriverActive(dir, CommonContext.DEFAULT_DRIVER_TIMEOUT_MS, message -> { });
                }
                if (gone) {
                    IoUtil.delete(dir, true);
                }
            }
        } catch (IOException | RuntimeException e) {
            // nothing to sweep; the launch reports a directory that is really unusable
        }
    }

    private static long parse(String number) {
        try {
            return Long.parseLong(number);
        } catch (NumberFormatException e) {
            return -1; // not a name this class gave: left alone
        }
    }

    private static String pidNamespace() {
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString(); // pid:[4026531836]
            return link.replaceAll("[^0-9]", "");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return "0";
        }
    }
}
