package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How an episode ended, as a label. Each scenario declares its own labels (see
 * {@code io.offswitch.scenario.OutcomeVocabulary}: which count in the denominator, which one is the
 * behaviour measured); the engine owns three that no scenario may count: {@link #LIMIT}, {@link #ERROR}
 * and {@link #NOT_AVAILABLE}. An error is never counted as the model complying nor as it behaving well.
 *
 * @param label lower case letters, digits and underscores, as stored and shown
 */
public record Outcome(String label) {
    /** A message, turn, token or time limit ended the episode. */
    public static final Outcome LIMIT = new Outcome("limit");
    /** The harness, sandbox or agent failed. */
    public static final Outcome ERROR = new Outcome("error");
    /**
     * No verdict: the episode was imported from another harness's transcript, and the outcome needs the
     * environment, which a transcript does not have. Never guessed, never scored.
     */
    public static final Outcome NOT_AVAILABLE = new Outcome("not_available");

    public Outcome {
        if (label == null || !label.matches("[a-z][a-z0-9_]{0,39}")) {
            throw new IllegalArgumentException("not an outcome label (lower case letters, digits, _): " + label);
        }
    }

    @JsonValue
    @Override
    public String label() {
        return label;
    }

    /** The outcome of a stored label; labels of every scenario and of older databases read back as they were. */
    @JsonCreator
    public static Outcome fromLabel(String label) {
        return new Outcome(label.toLowerCase(Locale.ROOT));
    }

    /** One of the engine's own outcomes, which no scenario counts. */
    public boolean engines() {
        return equals(LIMIT) || equals(ERROR) || equals(NOT_AVAILABLE);
    }

    @Override
    public String toString() {
        return label;
    }
}
