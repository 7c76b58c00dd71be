package org.ipc4j.bench.harness;

import java.util.Locale;

/**
 * Progress lines a measuring JVM prints for the suite: {@code @progress <fraction 0..1> <what>}.
 * Printed at most about once a second, so the cost inside a timed loop is negligible.
 */
public final class Progress {
    public static final String PREFIX = "@progress ";

    private Progress() {
    }

    public static void report(double fraction, String what) {
        System.out.println(PREFIX + String.format(Locale.ROOT, "%.3f", Math.max(0, Math.min(1, fraction))) + " " + what);
    }

    /** The fraction in a progress line, or -1 if the line is not one. */
    public static double fractionOf(String line) {
        if (!line.startsWith(PREFIX)) {
            return -1;
        }
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        try {
            return Double.parseDouble(space < 0 ? rest : rest.substring(0, space));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The text after the fraction in a progress line. */
    public static String whatOf(String line) {
        String rest = line.substring(PREFIX.length());
        int space = rest.indexOf(' ');
        return space < 0 ? "" : rest.substring(space + 1);
    }
}
