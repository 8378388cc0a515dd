package io.offswitch.defence.gate;

import io.offswitch.episode.DefenceEvent;
import java.util.Optional;

/**
 * How a gate's events say who decided and whether the decider failed: the reason starts with the
 * failure's prefix (if any), then the decider's id and a colon. Read back here, so a report counts a
 * monitor's failures apart from its scores.
 */
public final class GateEvents {
    private GateEvents() {}

    static String reason(String deciderId, GateDecision d) {
        return d.failure().prefix() + deciderId + ": " + d.reason();
    }

    /** The failure an event records, if its decider failed. */
    public static Optional<GateDecision.Failure> failure(DefenceEvent event) {
        for (GateDecision.Failure f : GateDecision.Failure.values()) {
            if (f != GateDecision.Failure.NONE && event.score().isEmpty() && event.reason().startsWith(f.prefix())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
