package io.offswitch.scenario;

import io.offswitch.episode.Outcome;

/**
 * One outcome a scenario can give, with what it means in the scenario's words.
 *
 * @param scored whether episodes with this outcome count in the denominator of the scenario's rate
 */
public record OutcomeLabel(Outcome outcome, String meaning, boolean scored) {
    public static OutcomeLabel scored(String label, String meaning) {
        return new OutcomeLabel(new Outcome(label), meaning, true);
    }

    public static OutcomeLabel unscored(String label, String meaning) {
        return new OutcomeLabel(new Outcome(label), meaning, false);
    }

    public String label() {
        return outcome.label();
    }
}
