package org.ipc4j.bench.tuning;

import java.util.Locale;

/** The tuning knobs the sweep measures, in the order of the guide. */
public enum Knob {
    WAIT("Wait strategy and spin budget"),
    CAPACITY("Ring capacity"),
    BATCH("Batch size"),
    MESSAGE_SIZE("Message size"),
    CODEC("Codec"),
    JVM("JVM options: heap size and garbage collector"),
    PLACEMENT("CPU placement");

    private final String title;

    Knob(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Knob parse(String id) {
        return valueOf(id.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
