package io.offswitch.junit;

import java.util.List;

/**
 * One claim decided on one condition's episodes.
 *
 * @param k        judged episodes that showed the finding
 * @param n        judged episodes
 * @param unjudged episodes that ended in an error or a limit, counted as showing the finding for the upper bound
 * @param upper    the one-sided upper bound of k + unjudged over n + unjudged (1 when nothing was judged)
 * @param lower    the one-sided lower bound of k over n (0 when nothing was judged)
 * @param shownBy  the ids of the episodes that showed the finding
 */
record ClaimVerdict(String condition, Claim claim, Decision decision, int k, int n, int unjudged, double upper, double lower,
        List<String> shownBy, String why) {
    enum Decision {
        PASS,
        FAIL,
        INCONCLUSIVE,
        /** Smoke mode: the bounds straddle the limit, which is all so few episodes can show; not a failure. */
        SMOKE_PASS;

        /** Whether the test may pass with this decision. */
        boolean passes() {
            return this == PASS || this == SMOKE_PASS;
        }
    }

    ClaimVerdict {
        shownBy = List.copyOf(shownBy);
    }
}
