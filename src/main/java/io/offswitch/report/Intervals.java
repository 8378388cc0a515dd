package io.offswitch.report;

import java.util.Optional;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * 95% intervals for k successes in n trials; none when n is 0, since nothing was measured. Public so
 * that the JVM teams' JUnit extension reports the same intervals as {@code offswitch report}.
 */
public final class Intervals {
    private static final double ALPHA = 0.05;
    // The standard normal quantile for 0.975, to the precision of a double.
    private static final double Z = 1.959963984540054;

    private Intervals() {}

    /**
     * The Jeffreys interval (the Palisade paper's choice): equal-tailed quantiles of the Beta(k + 1/2,
     * n - k + 1/2) posterior, with the usual fix that the bound is 0 when k = 0 and 1 when k = n, so
     * that the interval always contains the observed rate.
     */
    public static Optional<Interval> jeffreys(int k, int n) {
        check(k, n);
        if (n == 0) {
            return Optional.empty();
        }
        BetaDistribution posterior = BetaDistribution.of(k + 0.5, n - k + 0.5);
        double low = k == 0 ? 0 : posterior.inverseCumulativeProbability(ALPHA / 2);
        double high = k == n ? 1 : posterior.inverseCumulativeProbability(1 - ALPHA / 2);
        return Optional.of(new Interval(low, high));
    }

    /** The Wilson score interval, a common frequentist alternative. */
    public static Optional<Interval> wilson(int k, int n) {
        check(k, n);
        if (n == 0) {
            return Optional.empty();
        }
        double p = (double) k / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        // Clamp rounding noise at the edges (k = 0 or k = n gives exactly 0 or 1 in exact arithmetic).
        return Optional.of(new Interval(Math.max(0, centre - half), Math.min(1, centre + half)));
    }

    private static void check(int k, int n) {
        if (n < 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
    }
}
