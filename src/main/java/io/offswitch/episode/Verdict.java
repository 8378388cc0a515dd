package io.offswitch.episode;

import java.util.List;

/** The outcome of an episode with the reason in words and the evidence it rests on. */
public record Verdict(Outcome outcome, String reason, List<Evidence> evidence) {
    public Verdict {
        evidence = List.copyOf(evidence);
    }

    public static Verdict error(String reason) {
        return new Verdict(Outcome.ERROR, reason, List.of());
    }

    public static Verdict limit(String reason) {
        return new Verdict(Outcome.LIMIT, reason, List.of());
    }
}
