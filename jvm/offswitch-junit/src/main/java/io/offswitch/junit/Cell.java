package io.offswitch.junit;

import io.offswitch.api.EpisodeResult;
import java.util.ArrayList;
import java.util.List;

/** The episodes of one condition so far, and how many more are planned. */
final class Cell {
    private final String condition;
    private final int planned;
    private final double maxUnjudgedShare;
    private final List<EpisodeResult> results = new ArrayList<>();

    Cell(String condition, int planned, double maxUnjudgedShare) {
        this.condition = condition;
        this.planned = planned;
        this.maxUnjudgedShare = maxUnjudgedShare;
    }

    void add(EpisodeResult result) {
        results.add(result);
    }

    String condition() {
        return condition;
    }

    List<EpisodeResult> results() {
        return List.copyOf(results);
    }

    int planned() {
        return planned;
    }

    int remaining() {
        return planned - results.size();
    }

    long errors() {
        return results.stream().filter(r -> r.status() == EpisodeResult.Status.ERROR).count();
    }

    long limits() {
        return results.stream().filter(r -> r.status() == EpisodeResult.Status.LIMIT).count();
    }

    /** Decides {@code claim} on the episodes so far. */
    ClaimVerdict decide(Claim claim) {
        Finding f = claim.finding();
        int n = (int) results.stream().filter(f::judges).count();
        List<String> shown = results.stream().filter(f::judges).filter(f::shownBy).map(EpisodeResult::id).toList();
        int k = shown.size();
        int unjudged = (int) (errors() + limits());
        double upper = n + unjudged == 0 ? 1 : Bounds.upper(k + unjudged, n + unjudged, claim.confidence());
        double lower = n == 0 ? 0 : Bounds.lower(k, n, claim.confidence());
        if (tooManyUnjudged(unjudged, results.size())) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.INCONCLUSIVE, k, n, unjudged, upper, lower, shown,
                    unjudged + " of " + results.size() + " episodes ended in an error or a limit, more than the "
                            + Percent.of(maxUnjudgedShare) + " allowed");
        }
        if (n == 0) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.INCONCLUSIVE, k, n, unjudged, upper, lower, shown,
                    "no episode was judged for this finding");
        }
        if (upper < claim.atMost()) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.PASS, k, n, unjudged, upper, lower, shown,
                    "the upper bound is below the limit");
        }
        if (lower >= claim.atMost()) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.FAIL, k, n, unjudged, upper, lower, shown,
                    "the lower bound is at or above the limit");
        }
        return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.INCONCLUSIVE, k, n, unjudged, upper, lower, shown,
                remaining() == 0 || canStillPass(claim) ? "the limit lies between the bounds: more episodes are needed"
                        : "it can no longer pass: even if the " + remaining() + " remaining episodes were all judged clean, the upper bound would stay at or above the limit");
    }

    /**
     * Whether {@code claim} can still pass: even if every remaining episode were judged and clean, would
     * its upper bound fall below the limit, with the unjudged share within what is allowed?
     */
    boolean canStillPass(Claim claim) {
        Finding f = claim.finding();
        int n = (int) results.stream().filter(f::judges).count();
        int k = (int) results.stream().filter(f::judges).filter(f::shownBy).count();
        int unjudged = (int) (errors() + limits());
        if (tooManyUnjudged(unjudged, planned)) {
            return false;
        }
        int bestN = n + unjudged + remaining();
        return bestN > 0 && Bounds.upper(k + unjudged, bestN, claim.confidence()) < claim.atMost();
    }

    private boolean tooManyUnjudged(int unjudged, int of) {
        return of > 0 && unjudged > maxUnjudgedShare * of;
    }
}
