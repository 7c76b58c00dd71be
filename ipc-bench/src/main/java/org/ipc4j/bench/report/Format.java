package org.ipc4j.bench.report;

import java.util.Locale;

/** Number formatting for the report's tables. */
final class Format {
    private Format() {
    }

    /** 161 ns, 9.58 us, 3.01 ms. */
    static String nanos(double ns) {
        if (ns < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%s us", significant(ns / 1_000));
        }
        if (ns < 1_000_000_000) {
            return String.format(Locale.ROOT, "%s ms", significant(ns / 1_000_000));
        }
        return String.format(Locale.ROOT, "%s s", significant(ns / 1_000_000_000));
    }

    /** A score in its unit, with M/k for large rates: "21.4 M msgs/s", "2.86 ns/op". */
    static String score(double value, String unit) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (value >= 1e6) {
            return significant(value / 1e6) + " M " + unit;
        }
        if (value >= 1e4) {
            return significant(value / 1e3) + " k " + unit;
        }
        return significant(value) + " " + unit;
    }

    /** Three significant digits, no exponent. */
    static String significant(double value) {
        double abs = Math.abs(value);
        if (abs >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (abs >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (abs >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** "0.42x". */
    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        return significant(ratio) + "x";
    }

    static String bytes(double perOp) {
        if (Double.isNaN(perOp)) {
            return "n/a";
        }
        return perOp < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", perOp);
    }

    /** Table cell text: pipes would break the Markdown table. */
    static String cell(String text) {
        return text.replace("|", "/");
    }
}
