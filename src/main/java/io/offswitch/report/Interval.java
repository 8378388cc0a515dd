package io.offswitch.report;

/** A two-sided 95% confidence interval for a proportion, both bounds in [0, 1]. */
public record Interval(double low, double high) {
    public Interval {
        if (!(0 <= low && low <= high && high <= 1)) {
            throw new IllegalArgumentException("not an interval within [0, 1]: [" + low + ", " + high + "]");
        }
    }
}
