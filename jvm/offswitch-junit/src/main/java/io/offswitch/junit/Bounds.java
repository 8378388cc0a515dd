package io.offswitch.junit;

import org.apache.commons.statistics.distribution.BetaDistribution;

/** Exact binomial bounds: one-sided Clopper-Pearson for the claims, Jeffreys for the report like the papers. */
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

    /**
     * The two-sided 95% Jeffreys interval (the engine's report uses the same): equal-tailed quantiles of
     * Beta(k + 1/2, n - k + 1/2), with the bound at 0 when k = 0 and at 1 when k = n.
     */
    static double[] jeffreys95(int k, int n) {
        check(k, n);
        BetaDistribution posterior = BetaDistribution.of(k + 0.5, n - k + 0.5);
        return new double[] {k == 0 ? 0 : posterior.inverseCumulativeProbability(0.025), k == n ? 1 : posterior.inverseCumulativeProbability(0.975)};
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
