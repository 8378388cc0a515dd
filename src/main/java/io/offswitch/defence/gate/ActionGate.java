package io.offswitch.defence.gate;

import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.DefenceEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An episode's action gate: each proposed call goes to its first decider; an escalation goes on to the
 * approver, whose decision stands (an approver that escalates again, or a gate without an approver,
 * blocks: what nobody approved does not run). Every decision is an event of the episode. One gate per
 * episode, driven by one session.
 */
public final class ActionGate {
    /** What the agent reads instead of the call's output when the gate blocked it. */
    public static final String BLOCKED = "This call was blocked by the environment's security policy and was not run.";

    private final String defence;
    private final Decider first;
    private final Optional<Decider> approver;

    /**
     * @param defence  the name of the episode's defence, which every event carries
     * @param first    who decides each call
     * @param approver who decides what {@code first} escalates
     */
    public ActionGate(String defence, Decider first, Optional<Decider> approver) {
        this.defence = defence;
        this.first = first;
        this.approver = approver;
    }

    public String defence() {
        return defence;
    }

    /**
     * What the gate decided about one call, with its events in order (an escalation has two).
     *
     * @param runs whether the call may run
     */
    public record Ruling(boolean runs, List<DefenceEvent> events) {
        public Ruling {
            events = List.copyOf(events);
        }
    }

    public Ruling decide(ProposedCall call) {
        List<DefenceEvent> events = new ArrayList<>();
        GateDecision d = timed(first, call);
        events.add(event(call, first, d));
        if (d.decision() == DefenceDecision.ESCALATE) {
            if (approver.isEmpty()) {
                GateDecision none = GateDecision.scripted(DefenceDecision.BLOCK, d.resource(), "escalated with no approver: blocked");
                events.add(event(call, first, none));
                return new Ruling(false, events);
            }
            Decider a = approver.get();
            d = timed(a, call);
            if (d.decision() == DefenceDecision.ESCALATE) {
                d = new GateDecision(DefenceDecision.BLOCK, d.resource(), d.score(), "the approver escalated again, and nobody is above it: blocked; "
                        + d.reason(), d.failure(), d.latencyMillis(), d.usage());
            }
            events.add(event(call, a, d));
        }
        return new Ruling(!d.decision().stops(), events);
    }

    private static GateDecision timed(Decider decider, ProposedCall call) {
        long t0 = System.nanoTime();
        GateDecision d;
        try {
            d = decider.decide(call);
        } catch (RuntimeException e) {
            // A decider that breaks decides nothing; what it was meant to stop does not run unseen.
            d = new GateDecision(DefenceDecision.BLOCK, "", Optional.empty(), "the decider failed (" + e.getClass().getSimpleName()
                    + "): blocked", GateDecision.Failure.UNAVAILABLE, 0, null);
        }
        return d.latencyMillis() > 0 ? d : d.withLatency((System.nanoTime() - t0) / 1_000_000);
    }

    private DefenceEvent event(ProposedCall call, Decider decider, GateDecision d) {
        return new DefenceEvent(defence, DefenceEvent.Phase.BEFORE, call.turn(), call.call().id(), call.describe(), d.resource(), d.decision(),
                d.score(), GateEvents.reason(decider.id(), d), d.latencyMillis(), d.usage().inputTokens(), d.usage().outputTokens(), Instant.now());
    }
}
