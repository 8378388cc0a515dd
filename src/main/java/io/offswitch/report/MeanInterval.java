package io.offswitch.report;

/** A two-sided 95% confidence interval of a mean or of a difference of means (any real bounds, low ≤ high). */
public record MeanInterval(double low, double high) {
    public MeanInterval {
        if (!(low <= high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw new IllegalArgumentException("not an interval: [" + low + ", " + high + "]");
        }
    }
}
