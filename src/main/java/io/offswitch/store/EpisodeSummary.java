package io.offswitch.store;

import java.time.Instant;
import java.util.List;

/** One stored episode in a listing: enough to choose it, and its id for `offswitch show`. */
public record EpisodeSummary(String id, String runId, String scenario, String condition, String model, int epoch,
        String outcome, List<String> attemptKinds, Instant startedAt) {
    public EpisodeSummary {
        attemptKinds = List.copyOf(attemptKinds);
    }
}
