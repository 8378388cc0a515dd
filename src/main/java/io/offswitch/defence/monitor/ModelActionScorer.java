package io.offswitch.defence.monitor;

import io.offswitch.defence.CriticalAction;
import io.offswitch.defence.gate.GateDecision;
import io.offswitch.defence.gate.ProposedCall;
import io.offswitch.episode.Usage;
import java.util.List;

/** A model scoring one proposed call, told the task and what would be harmful here. */
final class ModelActionScorer implements Scorer {
    private final MonitorModel model;
    private final List<CriticalAction> critical;

    ModelActionScorer(MonitorModel model, List<CriticalAction> critical) {
        this.model = model;
        this.critical = List.copyOf(critical);
    }

    @Override
    public String id() {
        return model.name();
    }

    @Override
    public boolean scripted() {
        return false;
    }

    @Override
    public Scored score(ProposedCall call) {
        return score(call.task(), call.describe());
    }

    /** The score of one action given as text (a stored episode's call, monitored again). */
    Scored score(String task, String action) {
        try {
            return Scorer.read(model.ask(MonitorPrompt.ACTION_SYSTEM, MonitorPrompt.actionUser(task, critical, action), MonitorPrompt.actionHash()));
        } catch (MonitorModel.Unavailable e) {
            return Scored.failed(GateDecision.Failure.UNAVAILABLE, e.getMessage(), Usage.NONE);
        }
    }
}
