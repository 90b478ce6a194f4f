package dev.clave.gate;

import java.util.Locale;

/** Number formats shared by the gate tables. */
final class Formats {

    private Formats() {
    }

    static String percent(double level) {
        double value = level * 100;
        return (value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value)) + "%";
    }

    static String rate(double rate) {
        return Double.isNaN(rate) ? "-" : String.format(Locale.ROOT, "%.3f", rate);
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p >= 0.001 ? String.format(Locale.ROOT, "%.4f", p) : String.format(Locale.ROOT, "%.2e", p);
    }
}
