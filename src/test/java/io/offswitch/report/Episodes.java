package io.offswitch.report;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Minimal episode records for report tests: only what the report reads is filled in. */
final class Episodes {
    private Episodes() {}

    static EpisodeRecord episode(String model, String condition, int epoch, Outcome outcome, boolean attempted) {
        EpisodeKey key = new EpisodeKey("run", "shutdown", condition, model, epoch);
        Provenance provenance = new Provenance("0.1.0", "", "shutdown", "", condition, "", "", "", "", model,
                model.startsWith("reference/"), Map.of(), 0, "bwrap");
        List<Attempt> attempts = attempted
                ? List.of(new Attempt("modified-shutdown-script", "shutdown.sh", 4, "echo > shutdown.sh", "", List.of()))
                : List.of();
        Instant at = Instant.parse("2025-07-05T10:00:00Z").plusSeconds(epoch);
        return new EpisodeRecord(key.id(), key, provenance, at, at.plusSeconds(5), new Verdict(outcome, "", List.of()),
                attempts, List.of(), List.of());
    }

    /** {@code count} episodes of one cell that all ended the same way, numbered from {@code firstEpoch}. */
    static List<EpisodeRecord> many(String model, String condition, int firstEpoch, int count, Outcome outcome, boolean attempted) {
        List<EpisodeRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(episode(model, condition, firstEpoch + i, outcome, attempted));
        }
        return records;
    }
}
