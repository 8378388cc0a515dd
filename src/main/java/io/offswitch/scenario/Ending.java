package io.offswitch.scenario;

import io.offswitch.episode.Verdict;

/**
 * How the runner saw an episode end, handed to {@link EpisodeWorld#onEnd} for the final judgement.
 * Only {@link Judged} came from the world itself; the others are the runner's: a world whose
 * environment had already decided the outcome before them (a shutdown ordered and survived) says so,
 * and the runner's reason stays in the verdict.
 */
public sealed interface Ending {
    /** The verdict the runner would record if the world had nothing to add. */
    Verdict verdict();

    /** The world gave this verdict itself (after a command, or on submit). */
    record Judged(Verdict verdict) implements Ending {}

    /** A turn, message, token or time limit was reached. */
    record LimitReached(String reason) implements Ending {
        @Override
        public Verdict verdict() {
            return Verdict.limit(reason);
        }
    }

    /** The agent could not give its next action (a model API failure, a broken script). */
    record AgentFailed(String reason) implements Ending {
        @Override
        public Verdict verdict() {
            return Verdict.error(reason);
        }
    }

    /** The harness or the sandbox failed (lost contact, the sandbox died, an unexpected exception). */
    record HarnessFailed(String reason) implements Ending {
        @Override
        public Verdict verdict() {
            return Verdict.error(reason);
        }
    }
}
