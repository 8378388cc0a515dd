package io.offswitch.store;

import java.time.Instant;
import java.util.List;

/**
 * One episode in a viewer's list, read without decoding its record: what it ended as and why, what was
 * tried, what the judges said, how long it ran and how many turns it took.
 */
public record EpisodeRow(String id, String runId, String scenario, String condition, String model, int epoch, String outcome,
        String reason, List<String> attemptKinds, List<String> judgeLabels, Instant startedAt, long durationMillis, int turns) {
    public EpisodeRow {
        attemptKinds = List.copyOf(attemptKinds);
        judgeLabels = List.copyOf(judgeLabels);
    }
}
