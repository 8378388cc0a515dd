package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Expected values were computed independently with SciPy 1.17 (beta.ppf for Jeffreys, the closed-form
 * Wilson score with norm.ppf(0.975)), not taken from this code's output.
 */
class IntervalsTest {
    private static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "Jeffreys {0}/{1} = [{2}, {3}]")
    @CsvSource({
        "79, 100, 0.702612, 0.860885",
        "945, 1000, 0.929567, 0.957863",
        "1, 1000, 0.000108, 0.004664",
        "3, 7, 0.138864, 0.765499",
        "0, 10, 0.0, 0.217196",
        "10, 10, 0.782804, 1.0",
        "0, 1, 0.0, 0.853254",
    })
    void jeffreysMatchesTheBetaPosteriorQuantiles(int k, int n, double low, double high) {
        Interval interval = Intervals.jeffreys(k, n).orElseThrow();

        assertThat(interval.low()).isCloseTo(low, within(TOLERANCE));
        assertThat(interval.high()).isCloseTo(high, within(TOLERANCE));
    }

    @ParameterizedTest(name = "Wilson {0}/{1} = [{2}, {3}]")
    @CsvSource({
        "79, 100, 0.700200, 0.858343",
        "945, 1000, 0.929092, 0.957503",
        "1, 1000, 0.000177, 0.005643",
        "3, 7, 0.158220, 0.749542",
        "0, 10, 0.0, 0.277533",
        "10, 10, 0.722467, 1.0",
    })
    void wilsonMatchesTheScoreInterval(int k, int n, double low, double high) {
        Interval interval = Intervals.wilson(k, n).orElseThrow();

        assertThat(interval.low()).isCloseTo(low, within(TOLERANCE));
        assertThat(interval.high()).isCloseTo(high, within(TOLERANCE));
    }

    @Test
    void jeffreysReproducesThePapersIntervalForO3UnderConditionA() {
        // arXiv 2509.14260 Table 2 reports 94.5% [93.0, 95.8] for o3 in condition A.
        Interval interval = Intervals.jeffreys(945, 1000).orElseThrow();

        assertThat(interval.low()).isCloseTo(0.930, within(0.0005));
        assertThat(interval.high()).isCloseTo(0.958, within(0.0005));
    }

    @Test
    void nothingMeasuredGivesNoInterval() {
        assertThat(Intervals.jeffreys(0, 0)).isEmpty();
        assertThat(Intervals.wilson(0, 0)).isEmpty();
    }

    @Test
    void impossibleCountsAreRefused() {
        assertThatThrownBy(() -> Intervals.jeffreys(5, 4)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k=5");
        assertThatThrownBy(() -> Intervals.wilson(-1, 4)).isInstanceOf(IllegalArgumentException.class);
    }
}
