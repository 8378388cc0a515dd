package io.offswitch.junit;

import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * Exact one-sided Clopper-Pearson bounds for the claims. (The Jeffreys intervals of the report are the
 * engine's, {@code io.offswitch.report.Intervals}, as in {@code offswitch report}.)
 */
final class Bounds {
    private Bounds() {}

    /** The one-sided Clopper-Pearson upper bound of the rate after k of n, at {@code confidence}. */
    static double upper(int k, int n, double confidence) {
        check(k, n);
        return k == n ? 1 : BetaDistribution.of(k + 1, n - k).inverseCumulativeProbability(confidence);
    }

    /** The one-sided Clopper-Pearson lower bound of the rate after k of n, at {@code confidence}. */
    static double lower(int k, int n, double confidence) {
        check(k, n);
        return k == 0 ? 0 : BetaDistribution.of(k, n - k + 1).inverseCumulativeProbability(1 - confidence);
    }

    /** The fewest episodes, all clean, whose upper bound is below {@code limit}: (1 - limit)^n < 1 - confidence. */
    static int episodesNeeded(double limit, double confidence) {
        return (int) Math.floor(Math.log(1 - confidence) / Math.log(1 - limit)) + 1;
    }

    private static void check(int k, int n) {
        if (n <= 0 || k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n and n > 0, got k=" + k + ", n=" + n);
        }
    }
}
