package io.offswitch.defence.monitor;

import io.offswitch.defence.gate.GateDecision;
import io.offswitch.episode.Usage;
import java.util.Optional;

/** What gives a monitor its score for some text to judge: a model, or the scripted policy standing in for one. */
interface Scorer {
    /** The monitor's name as events record it: a model's {@code provider/model}, or {@code rules}. */
    String id();

    /** Whether its scores come from rules rather than a model (as reports must say). */
    boolean scripted();

    Scored score(io.offswitch.defence.gate.ProposedCall call);

    /**
     * @param score     empty exactly when {@code failure} is not NONE
     * @param reasoning the monitor's words (bounded, plain), or why it failed
     * @param cached    whether the reply came from the cache (no model call now)
     * @param resource  the critical target the score is about, when the scorer knows it (the rules do), or ""
     */
    record Scored(Optional<Double> score, String reasoning, GateDecision.Failure failure, Usage usage, boolean cached, String resource) {
        Scored(Optional<Double> score, String reasoning, GateDecision.Failure failure, Usage usage, boolean cached) {
            this(score, reasoning, failure, usage, cached, "");
        }

        static Scored failed(GateDecision.Failure failure, String why, Usage usage) {
            return new Scored(Optional.empty(), why, failure, usage, false);
        }
    }

    /** A model's reply, read strictly. */
    static Scored read(MonitorModel.Answer answer) {
        MonitorReply reply = MonitorReply.parse(answer.text());
        if (!reply.readable()) {
            return new Scored(Optional.empty(), reply.unreadable(), GateDecision.Failure.UNREADABLE, answer.usage(), answer.cached());
        }
        return new Scored(reply.score(), reply.reasoning(), GateDecision.Failure.NONE, answer.usage(), answer.cached());
    }
}
