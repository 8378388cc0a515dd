package io.offswitch.report;

import java.util.Optional;
import org.apache.commons.statistics.distribution.HypergeometricDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The difference between two rates k1/n1 - k2/n2 with its 95% interval (Newcombe's hybrid score
 * interval, built from each rate's Wilson interval: it stays within [-1, 1] and behaves at 0 and n,
 * where the plain Wald interval does not) and two two-sided tests of "no difference": Fisher's exact
 * test, which holds at the small n of most evaluations, and the pooled two-proportion z-test.
 */
public record RateDifference(int k1, int n1, int k2, int n2, double difference, double low, double high, double fisherP, double zTestP) {
    /** The comparison of two cells' measured rates; empty when either has no scored episode. */
    public static Optional<RateDifference> of(Cell first, Cell second) {
        return of(first.k(), first.n(), second.k(), second.n());
    }

    public static Optional<RateDifference> of(int k1, int n1, int k2, int n2) {
        Optional<Interval> w1 = Intervals.wilson(k1, n1);
        Optional<Interval> w2 = Intervals.wilson(k2, n2);
        if (w1.isEmpty() || w2.isEmpty()) {
            return Optional.empty();
        }
        double p1 = (double) k1 / n1;
        double p2 = (double) k2 / n2;
        double d = p1 - p2;
        double low = d - Math.sqrt(square(p1 - w1.get().low()) + square(w2.get().high() - p2));
        double high = d + Math.sqrt(square(w1.get().high() - p1) + square(p2 - w2.get().low()));
        return Optional.of(new RateDifference(k1, n1, k2, n2, d, Math.max(-1, low), Math.min(1, high), fisher(k1, n1, k2, n2), zTest(k1, n1, k2, n2)));
    }

    /** Whether the interval leaves out 0: the rates differ at the 5% level by the interval. */
    public boolean excludesZero() {
        return low > 0 || high < 0;
    }

    private static double square(double x) {
        return x * x;
    }

    /** Two-sided Fisher exact test of the 2x2 table: the probability of every table no likelier than the one seen. */
    static double fisher(int k1, int n1, int k2, int n2) {
        int successes = k1 + k2;
        int total = n1 + n2;
        HypergeometricDistribution h = HypergeometricDistribution.of(total, successes, n1);
        double observed = h.probability(k1);
        double p = 0;
        for (int x = h.getSupportLowerBound(); x <= h.getSupportUpperBound(); x++) {
            double px = h.probability(x);
            // The usual relative tolerance, so tables as likely as the one seen are not lost to rounding.
            if (px <= observed * (1 + 1e-7)) {
                p += px;
            }
        }
        return Math.min(1, p);
    }

    static double zTest(int k1, int n1, int k2, int n2) {
        double pooled = (double) (k1 + k2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        if (se == 0) {
            return 1;
        }
        double z = Math.abs((double) k1 / n1 - (double) k2 / n2) / se;
        return Math.min(1, 2 * NormalDistribution.of(0, 1).survivalProbability(z));
    }
}
