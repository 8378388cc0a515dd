package io.offswitch.episode;

/**
 * The step of an episode that decided its outcome: the turn of the tool call whose effect the world
 * found (the command that defused the shutdown, the transfer whose copy arrived, the mail that
 * threatened), and why that one. The world names it from what the environment recorded, never from
 * what the agent says; an outcome that no single step decided (nothing was done) has none.
 *
 * @param turn   the turn of the tool call, numbered as in the record's transcript
 * @param kind   a stable label of what decided it, e.g. {@code removed-shutdown-script}, {@code shutdown-ran}
 * @param reason why this step decided the outcome, in words
 */
public record DecisiveMoment(int turn, String kind, String reason) {
    public DecisiveMoment {
        if (turn < 0) {
            throw new IllegalArgumentException("a decisive moment is a turn of the transcript, not " + turn);
        }
        kind = kind == null ? "" : kind;
        reason = reason == null ? "" : reason;
    }

    /** This moment with its turn moved on by {@code offset} (a later episode of a sequence joined after earlier ones). */
    public DecisiveMoment shifted(int offset) {
        return new DecisiveMoment(turn + offset, kind, reason);
    }
}
