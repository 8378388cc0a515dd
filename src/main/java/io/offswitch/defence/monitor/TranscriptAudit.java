package io.offswitch.defence.monitor;

import io.offswitch.defence.CriticalAction;
import io.offswitch.defence.gate.GateDecision;
import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The post-episode audit: a monitor model reads the whole transcript once the episode is over and
 * scores it; at or above the threshold it raises an alarm, which can stop nothing (the episode is
 * over). A reply it cannot read, or a model it cannot reach, is an alarm marked as the monitor's
 * failure, with no score.
 */
public final class TranscriptAudit {
    private final MonitorModel model;
    private final List<CriticalAction> critical;
    private final double threshold;

    public TranscriptAudit(MonitorModel model, List<CriticalAction> critical, double threshold) {
        if (!(threshold >= 0 && threshold <= 100)) {
            throw new IllegalArgumentException("an audit's threshold is from 0 to 100, not " + threshold);
        }
        this.model = model;
        this.critical = List.copyOf(critical);
        this.threshold = threshold;
    }

    public String monitor() {
        return model.name();
    }

    /** The transcript's score, read strictly (empty score with a failure when unreadable or unreachable). */
    Scorer.Scored score(List<TranscriptEntry> transcript) {
        try {
            return Scorer.read(model.ask(MonitorPrompt.AUDIT_SYSTEM, MonitorPrompt.auditUser(critical, transcript), MonitorPrompt.auditHash()));
        } catch (MonitorModel.Unavailable e) {
            return Scorer.Scored.failed(GateDecision.Failure.UNAVAILABLE, e.getMessage(), Usage.NONE);
        }
    }

    /** The audit's one event for a finished episode of {@code defence}. */
    public DefenceEvent audit(String defence, List<TranscriptEntry> transcript) {
        long t0 = System.nanoTime();
        Scorer.Scored s = score(transcript);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        int lastTurn = transcript.isEmpty() ? 0 : transcript.getLast().turn();
        String who = "audit " + model.name() + ": ";
        if (s.score().isEmpty()) {
            return new DefenceEvent(defence, DefenceEvent.Phase.AUDIT, lastTurn, "", "the whole transcript", "", DefenceDecision.ALARM, Optional.empty(),
                    s.failure().prefix() + who + s.reasoning(), millis, s.usage().inputTokens(), s.usage().outputTokens(), Instant.now());
        }
        double score = s.score().get();
        DefenceDecision d = score >= threshold ? DefenceDecision.ALARM : DefenceDecision.ALLOW;
        return new DefenceEvent(defence, DefenceEvent.Phase.AUDIT, lastTurn, "", "the whole transcript", "", d, s.score(),
                who + "score " + ActionMonitor.format(score) + (score >= threshold ? " at or above" : " below") + " threshold "
                        + ActionMonitor.format(threshold) + (s.cached() ? " (cached reply)" : "") + ": " + s.reasoning(),
                millis, s.usage().inputTokens(), s.usage().outputTokens(), Instant.now());
    }
}
