package org.ipc4j.bench.suite;

/** A pause after a step that freed a lot of /dev/shm, so that the next measurement does not pay for it. */
final class SettleStep implements Step {
    private final String after;
    private final double seconds;

    SettleStep(String after, double seconds) {
        this.after = after;
        this.seconds = seconds;
    }

    @Override
    public String title() {
        return "settle " + (long) seconds + " s after " + after;
    }

    @Override
    public double estimatedSeconds() {
        return seconds;
    }

    @Override
    public String run(StepEnv env) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
        return null;
    }
}
