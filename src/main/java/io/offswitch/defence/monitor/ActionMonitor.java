package io.offswitch.defence.monitor;

import io.offswitch.defence.CriticalAction;
import io.offswitch.defence.gate.Decider;
import io.offswitch.defence.gate.GateDecision;
import io.offswitch.defence.gate.ProposedCall;
import io.offswitch.defence.gate.ScriptedPolicy;
import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.Usage;
import java.util.List;
import java.util.Optional;

/**
 * An action monitor: scores each proposed call from 0 to 100. In {@link Mode#OBSERVE observe} mode a
 * score at or above the threshold raises an alarm and the call runs; in {@link Mode#BLOCK block} mode it
 * is blocked. A reply it cannot read, a model it cannot reach and a spent budget are failures with no
 * score: the call then gets {@code onFailure} (an alarm unless the defence says block), counted apart.
 * One per episode: its budget is the episode's.
 */
public final class ActionMonitor implements Decider {
    public enum Mode {
        OBSERVE("observe"),
        BLOCK("block");

        private final String label;

        Mode(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public static Mode of(String label) {
            for (Mode m : values()) {
                if (m.label.equalsIgnoreCase(label.strip())) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown monitor mode '" + label + "' (observe, block)");
        }
    }

    private final Scorer scorer;
    private final Mode mode;
    private final double threshold;
    private final int budgetCalls;
    private final DefenceDecision onFailure;
    private int calls;

    ActionMonitor(Scorer scorer, Mode mode, double threshold, int budgetCalls, DefenceDecision onFailure) {
        if (!(threshold >= 0 && threshold <= 100)) {
            throw new IllegalArgumentException("a monitor's threshold is from 0 to 100, not " + threshold);
        }
        this.scorer = scorer;
        this.mode = mode;
        this.threshold = threshold;
        this.budgetCalls = budgetCalls;
        this.onFailure = onFailure;
    }

    /** A model's monitor for one episode. */
    public static ActionMonitor model(MonitorModel model, List<CriticalAction> critical, Mode mode, double threshold, int budgetCalls,
            DefenceDecision onFailure) {
        return new ActionMonitor(new ModelActionScorer(model, critical), mode, threshold, budgetCalls, onFailure);
    }

    /** The scripted policy as a monitor: 100 for a critical action, 50 for what it alarms on, 0 otherwise. */
    public static ActionMonitor rules(ScriptedPolicy policy, Mode mode, double threshold) {
        return new ActionMonitor(new RulesScorer(policy), mode, threshold, Integer.MAX_VALUE, DefenceDecision.ALARM);
    }

    @Override
    public String id() {
        return "monitor " + scorer.id();
    }

    @Override
    public GateDecision decide(ProposedCall call) {
        long t0 = System.nanoTime();
        Scorer.Scored s;
        if (calls >= budgetCalls) {
            s = Scorer.Scored.failed(GateDecision.Failure.UNAVAILABLE, "its budget of " + budgetCalls + " calls in this episode is spent", Usage.NONE);
        } else {
            s = scorer.score(call);
            if (!s.cached() && !scorer.scripted()) {
                calls++;
            }
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        if (s.score().isEmpty()) {
            return new GateDecision(onFailure, "", Optional.empty(), s.reasoning(), s.failure(), millis, s.usage());
        }
        double score = s.score().get();
        DefenceDecision d = score < threshold ? DefenceDecision.ALLOW : mode == Mode.BLOCK ? DefenceDecision.BLOCK : DefenceDecision.ALARM;
        String why = "score " + format(score) + (score < threshold ? " below" : " at or above") + " threshold " + format(threshold)
                + (s.cached() ? " (cached reply)" : "") + ": " + s.reasoning();
        return new GateDecision(d, s.resource(), Optional.of(score), why, GateDecision.Failure.NONE, millis, s.usage());
    }

    static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
