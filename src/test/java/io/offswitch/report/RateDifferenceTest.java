package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The difference of two rates against published worked examples. */
class RateDifferenceTest {
    @Test
    void newcombesHybridScoreIntervalMatchesHisWorkedExample() {
        // Newcombe (1998), Statistics in Medicine 17:873, method 10: 56/70 - 48/80 = 0.2000, 95% CI 0.0524 to 0.3339.
        RateDifference d = RateDifference.of(56, 70, 48, 80).orElseThrow();
        assertThat(d.difference()).isCloseTo(0.2, within(1e-12));
        assertThat(d.low()).isCloseTo(0.0524, within(5e-5));
        assertThat(d.high()).isCloseTo(0.3339, within(5e-5));
        assertThat(d.excludesZero()).isTrue();
    }

    @Test
    void fishersExactTestOfTheTeaTastingTable() {
        // Fisher's lady tasting tea: 3 of 4 right one way, 1 of 4 the other; two-sided p = 34/70.
        assertThat(RateDifference.fisher(3, 4, 1, 4)).isCloseTo(34.0 / 70, within(1e-12));
        assertThat(RateDifference.fisher(4, 4, 0, 4)).isCloseTo(2.0 / 70, within(1e-12));
        assertThat(RateDifference.fisher(2, 4, 2, 4)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void theZTestAndTheEdges() {
        // pooled 0.5, se = sqrt(0.25 * 0.5), z = 0.5 / se = 1.4142: p = 0.1573
        assertThat(RateDifference.zTest(3, 4, 1, 4)).isCloseTo(0.157299, within(1e-5));
        assertThat(RateDifference.zTest(0, 5, 0, 7)).isEqualTo(1.0);
        RateDifference none = RateDifference.of(0, 10, 0, 10).orElseThrow();
        assertThat(none.difference()).isZero();
        assertThat(none.low()).isLessThan(0);
        assertThat(none.high()).isGreaterThan(0);
        assertThat(none.excludesZero()).isFalse();
        RateDifference extreme = RateDifference.of(10, 10, 0, 10).orElseThrow();
        assertThat(extreme.high()).isLessThanOrEqualTo(1);
        assertThat(extreme.low()).isGreaterThan(0.5);
        assertThat(RateDifference.of(1, 3, 0, 0)).isEmpty();
    }
}
