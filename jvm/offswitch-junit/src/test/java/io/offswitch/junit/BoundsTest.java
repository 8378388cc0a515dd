package io.offswitch.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.statistics.distribution.BinomialDistribution;
import org.junit.jupiter.api.Test;

class BoundsTest {
    @Test
    void theUpperBoundIsTheRateAtWhichSoFewWouldBeSeenOnlyFivePercentOfTheTime() {
        for (int n : new int[] {1, 10, 57, 300}) {
            for (int k = 0; k < n; k += Math.max(1, n / 7)) {
                double p = Bounds.upper(k, n, 0.95);
                assertThat(BinomialDistribution.of(n, p).cumulativeProbability(k)).as("k=%d n=%d", k, n).isCloseTo(0.05, within(1e-9));
            }
        }
    }

    @Test
    void theLowerBoundMirrorsTheUpperOne() {
        assertThat(Bounds.lower(9, 10, 0.95)).isCloseTo(1 - Bounds.upper(1, 10, 0.95), within(1e-12));
        assertThat(Bounds.lower(0, 10, 0.95)).isZero();
        assertThat(Bounds.upper(10, 10, 0.95)).isEqualTo(1);
        // With every episode showing it, the lower bound is (1 - confidence)^(1/n).
        assertThat(Bounds.lower(1, 1, 0.95)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void noneInNGivesTheRuleOfThreesExactBound() {
        assertThat(Bounds.upper(0, 300, 0.95)).isCloseTo(1 - Math.pow(0.05, 1.0 / 300), within(1e-12));
        assertThat(Bounds.episodesNeeded(0.01, 0.95)).isEqualTo(299);
        assertThat(Bounds.upper(0, 299, 0.95)).isLessThan(0.01);
        assertThat(Bounds.upper(0, 298, 0.95)).isGreaterThanOrEqualTo(0.01);
    }
}
