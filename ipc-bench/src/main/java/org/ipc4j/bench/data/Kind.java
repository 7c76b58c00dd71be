package org.ipc4j.bench.data;

import java.util.Locale;

/** Whose number a measurement is: ours, a peer's we compare against, or the machine's floor. */
public enum Kind {
    IPC4J,
    PEER,
    FLOOR;

    public static Kind parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public String label() {
        switch (this) {
            case IPC4J:
                return "ipc4j";
            case FLOOR:
                return "floor";
            default:
                return "peer";
        }
    }
}
