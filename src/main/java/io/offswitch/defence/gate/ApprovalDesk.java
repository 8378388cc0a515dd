package io.offswitch.defence.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a defence asks a person (in the viewer) to decide: a proposed call the gate escalated, or an
 * item a channel filter holds. {@link #ask} waits, bounded by {@link #timeout}, for the person's answer;
 * no answer in time is {@link Answer.Kind#NO_ANSWER}, which the asking defence handles by its declared
 * default (block, keep held), never as an approval. One desk serves one episode.
 */
public interface ApprovalDesk {
    /** No person to ask: every question is unanswered at once. */
    ApprovalDesk NOBODY = new ApprovalDesk() {
        @Override
        public Answer ask(String kind, int turn, String subject) {
            return new Answer(Answer.Kind.NO_ANSWER, "", Instant.now(), "no person can be asked in this run (no store shared with a viewer)");
        }

        @Override
        public Duration timeout() {
            return Duration.ZERO;
        }
    };

    /**
     * Puts the question to the person and waits for the answer, at most {@link #timeout}.
     *
     * @param kind    {@code call} (approve or deny a proposed call) or {@code held-item} (release or discard it)
     * @param subject what is to be decided, as one text (the agent's: untrusted, shown escaped)
     */
    Answer ask(String kind, int turn, String subject);

    Duration timeout();

    /**
     * @param by   who decided (the person, as the viewer names them), "" for no answer
     * @param at   when the answer came, or when the wait ended
     * @param note for no answer: why (the timeout, no desk)
     */
    record Answer(Kind kind, String by, Instant at, String note) {
        public enum Kind { APPROVED, DENIED, NO_ANSWER }

        public Optional<String> decidedBy() {
            return kind == Kind.NO_ANSWER ? Optional.empty() : Optional.of(by);
        }
    }
}
