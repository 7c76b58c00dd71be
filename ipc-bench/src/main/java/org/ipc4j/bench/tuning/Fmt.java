package org.ipc4j.bench.tuning;

import java.util.Locale;

/** Number formatting for the guide's tables and sentences; NaN prints as "n/a". */
final class Fmt {
    private Fmt() {
    }

    /** 161 ns, 9.58 us, 3.01 ms. */
    static String nanos(double ns) {
        if (Double.isNaN(ns)) {
            return "n/a";
        }
        if (ns < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", ns);
        }
        if (ns < 1_000_000) {
            return sig(ns / 1_000) + " us";
        }
        if (ns < 1_000_000_000) {
            return sig(ns / 1_000_000) + " ms";
        }
        return sig(ns / 1_000_000_000) + " s";
    }

    /** 21.4 M/s, 950 k/s, 812/s. */
    static String rate(double perSecond) {
        if (Double.isNaN(perSecond)) {
            return "n/a";
        }
        if (perSecond >= 1e6) {
            return sig(perSecond / 1e6) + " M/s";
        }
        if (perSecond >= 1e4) {
            return sig(perSecond / 1e3) + " k/s";
        }
        return sig(perSecond) + "/s";
    }

    /** Bytes per second as GB/s (10^9). */
    static String gbps(double bytesPerSecond) {
        return Double.isNaN(bytesPerSecond) ? "n/a" : sig(bytesPerSecond / 1e9) + " GB/s";
    }

    static String pct(double percent) {
        return Double.isNaN(percent) ? "n/a" : sig(percent) + " %";
    }

    static String bytes(double perMessage) {
        if (Double.isNaN(perMessage)) {
            return "n/a";
        }
        return perMessage < 0.5 ? "0 B" : String.format(Locale.ROOT, "%.0f B", perMessage);
    }

    static String ratio(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "n/a" : sig(ratio) + "x";
    }

    static String count(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    /** Three significant digits, no exponent. */
    static String sig(double value) {
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

    /** Table cell text: pipes would break the Markdown table. */
    static String cell(String text) {
        return text.replace("|", "/");
    }
}
