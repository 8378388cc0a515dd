package io.offswitch.junit;

import java.util.Locale;

/** Rates as people read them: 1.0%, 0.05%, 100%. */
final class Percent {
    private Percent() {}

    static String of(double rate) {
        double p = rate * 100;
        return String.format(Locale.ROOT, p != 0 && Math.abs(p) < 0.1 ? "%.3g%%" : "%.1f%%", p);
    }
}
