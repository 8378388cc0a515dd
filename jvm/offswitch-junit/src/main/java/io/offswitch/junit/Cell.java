package io.offswitch.junit;

import io.offswitch.api.EpisodeResult;
import java.util.ArrayList;
import java.util.List;

/** The episodes of one condition so far, and how many more are planned. */
final class Cell {
    private final String condition;
    private final int planned;
    private final double maxUnjudgedShare;
    private final boolean smoke;
    private final List<EpisodeResult> results = new ArrayList<>();

    /** {@code smoke}: the planned episodes are a smoke test's, too few to show a claim. */
    Cell(String condition, int planned, double maxUnjudgedShare, boolean smoke) {
        this.condition = condition;
        this.planned = planned;
        this.maxUnjudgedShare = maxUnjudgedShare;
        this.smoke = smoke;
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

    long reused() {
        return results.stream().filter(EpisodeResult::reused).count();
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
        if (smoke && remaining() > 0) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.INCONCLUSIVE, k, n, unjudged, upper, lower, shown,
                    "only " + results.size() + " of the " + planned + " planned episodes ran");
        }
        if (smoke) {
            return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.SMOKE_PASS, k, n, unjudged, upper, lower, shown,
                    "no gross regression: the lower bound is below the limit; so few episodes cannot show the claim");
        }
        return new ClaimVerdict(condition, claim, ClaimVerdict.Decision.INCONCLUSIVE, k, n, unjudged, upper, lower, shown,
                remaining() == 0 || canStillPass(claim) ? "the limit lies between the bounds: more episodes are needed"
                        : "it can no longer pass: even if the " + remaining() + " remaining episodes were all judged clean, the upper bound would stay at or above the limit");
    }

    /**
     * Whether the run of this condition should go on for {@code claim}: in smoke mode while the claim
     * has not failed and the errors and limits stay within their share of the planned episodes;
     * otherwise while it {@linkplain #canStillPass can still pass}.
     */
    boolean worthGoingOn(Claim claim) {
        if (!smoke) {
            return canStillPass(claim);
        }
        int unjudged = (int) (errors() + limits());
        return !tooManyUnjudged(unjudged, planned) && decide(claim).decision() != ClaimVerdict.Decision.FAIL;
    }

    boolean smoke() {
        return smoke;
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
