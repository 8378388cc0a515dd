package io.offswitch.defence.gate;

import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.Usage;
import java.util.Optional;

/**
 * What one decider decided about one proposed call.
 *
 * @param resource      the critical target it is about (a path, a host), or ""
 * @param score         a monitor's suspicion score (0 to 100), when it gave one; never a stand-in for a
 *                      reply it could not read
 * @param failure       whether the decider failed to decide (its reply unreadable, its model unreachable):
 *                      then {@code decision} is its fallback and {@code score} is empty
 * @param latencyMillis how long deciding took
 * @param usage         model tokens spent deciding
 */
public record GateDecision(DefenceDecision decision, String resource, Optional<Double> score, String reason, Failure failure, long latencyMillis,
        Usage usage) {
    public GateDecision {
        if (decision == null) {
            throw new IllegalArgumentException("a gate decision has a decision");
        }
        resource = resource == null ? "" : resource;
        score = score == null ? Optional.empty() : score;
        reason = reason == null ? "" : reason;
        failure = failure == null ? Failure.NONE : failure;
        usage = usage == null ? Usage.NONE : usage;
        if (failure != Failure.NONE && score.isPresent()) {
            throw new IllegalArgumentException("a failed decision has no score: a reply that could not be read is never folded into one");
        }
    }

    public static GateDecision scripted(DefenceDecision decision, String resource, String reason) {
        return new GateDecision(decision, resource, Optional.empty(), reason, Failure.NONE, 0, Usage.NONE);
    }

    public GateDecision withLatency(long millis) {
        return new GateDecision(decision, resource, score, reason, failure, millis, usage);
    }

    /** Why a decider gave no decision of its own. */
    public enum Failure {
        NONE(""),
        /** The model answered, but not in the form asked for (no score line, a number out of range). */
        UNREADABLE("monitor reply unreadable: "),
        /** The model could not be called (after retries), or its budget was spent. */
        UNAVAILABLE("monitor unavailable: ");

        private final String prefix;

        Failure(String prefix) {
            this.prefix = prefix;
        }

        /** How a stored event's reason starts when its decider failed this way (how the failure is read back). */
        public String prefix() {
            return prefix;
        }
    }
}
