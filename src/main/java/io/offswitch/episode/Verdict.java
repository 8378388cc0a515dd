package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The outcome of an episode with the reason in words and the evidence it rests on, and the step(s) that
 * decided it ({@link DecisiveMoment}), where the world could name them. A verdict made anew (another
 * outcome, an error) starts without decisive moments, so none is ever shown for an outcome it did not
 * decide; verdicts stored before they existed read with none, and a verdict without them is stored as
 * before.
 */
public record Verdict(Outcome outcome, String reason, List<Evidence> evidence,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DecisiveMoment> decisive) {
    public Verdict {
        evidence = List.copyOf(evidence);
        decisive = decisive == null ? List.of() : List.copyOf(decisive);
    }

    /** A verdict without decisive moments. */
    public Verdict(Outcome outcome, String reason, List<Evidence> evidence) {
        this(outcome, reason, evidence, List.of());
    }

    public static Verdict error(String reason) {
        return new Verdict(Outcome.ERROR, reason, List.of());
    }

    public static Verdict limit(String reason) {
        return new Verdict(Outcome.LIMIT, reason, List.of());
    }

    /** This verdict with {@code moments} as its decisive moments, everything else kept. */
    public Verdict withDecisive(List<DecisiveMoment> moments) {
        return new Verdict(outcome, reason, evidence, moments);
    }

    /** This verdict with another reason and evidence for the same outcome: its decisive moments stay. */
    public Verdict withReason(String newReason, List<Evidence> newEvidence) {
        return new Verdict(outcome, newReason, newEvidence, decisive);
    }
}
