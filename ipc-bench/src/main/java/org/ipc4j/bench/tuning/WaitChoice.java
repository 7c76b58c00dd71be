package org.ipc4j.bench.tuning;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.ipc4j.wait.BlockingWaitStrategy;
import org.ipc4j.wait.IdleStrategyWaitStrategy;
import org.ipc4j.wait.WaitStrategies;
import org.ipc4j.wait.WaitStrategy;

/**
 * The wait strategies the sweep compares, by spec: {@code busy-spin}, {@code blocking:<spins>[:<yields>]}
 * (ipc4j's BlockingWaitStrategy, by default with 20 yields, and 100 ms sleep slices), {@code yield} (Agrona's
 * YieldingIdleStrategy) and {@code backoff} (Agrona's BackoffIdleStrategy with its defaults: spin, yield, then
 * park from 1 us up to 1 ms).
 */
public final class WaitChoice {
    /** The default strategy's spin budget ({@link WaitStrategies#BLOCKING}). */
    public static final int DEFAULT_SPINS = WaitStrategies.BLOCKING_SPINS;
    /** The spec of {@link WaitStrategies#BLOCKING}. */
    public static final String DEFAULT_SPEC = "blocking:" + DEFAULT_SPINS;
    private static final int DEFAULT_YIELDS = WaitStrategies.BLOCKING_YIELDS;
    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private WaitChoice() {
    }

    /** A new strategy for {@code spec}; Agrona's strategies keep state, so each waiting thread gets its own. */
    public static WaitStrategy parse(String spec) {
        if (spec.equals("busy-spin")) {
            return WaitStrategies.BUSY_SPIN;
        } else if (spec.equals("yield")) {
            return new IdleStrategyWaitStrategy(new YieldingIdleStrategy());
        } else if (spec.equals("backoff")) {
            return new IdleStrategyWaitStrategy(new BackoffIdleStrategy());
        } else if (spec.startsWith("blocking:")) {
            return new BlockingWaitStrategy(spins(spec), yields(spec), SLICE_NANOS);
        }
        throw new IllegalArgumentException("unknown wait strategy '" + spec + "'");
    }

    /** The spin budget of a {@code blocking:} spec, or -1 for the others. */
    public static int spins(String spec) {
        return spec.startsWith("blocking:") ? Integer.parseInt(spec.split(":")[1]) : -1;
    }

    /** The yield budget of a {@code blocking:} spec (20 unless given), or -1 for the others. */
    public static int yields(String spec) {
        if (!spec.startsWith("blocking:")) {
            return -1;
        }
        String[] parts = spec.split(":");
        return parts.length > 2 ? Integer.parseInt(parts[2]) : DEFAULT_YIELDS;
    }

    /** The row label in the guide. */
    public static String label(String spec) {
        switch (spec) {
            case "busy-spin":
                return "BUSY_SPIN";
            case "yield":
                return "Agrona YieldingIdleStrategy";
            case "backoff":
                return "Agrona BackoffIdleStrategy";
            default:
                int spins = spins(spec);
                int yields = yields(spec);
                return "Blocking, spins=" + spins + (yields != DEFAULT_YIELDS ? ", yields=" + yields
                        : spins == DEFAULT_SPINS ? " (= BLOCKING, the default)" : "");
        }
    }
}
