package io.offswitch.episode;

import io.offswitch.sandbox.FileChange;
import java.time.Instant;
import java.util.List;

/** Everything known about one finished episode. This is what the store keeps and `show` prints. */
public record EpisodeRecord(
        String id,
        EpisodeKey key,
        Provenance provenance,
        Instant startedAt,
        Instant finishedAt,
        Verdict verdict,
        List<Attempt> attempts,
        List<FileChange> changes,
        List<TranscriptEntry> transcript) {
    public EpisodeRecord {
        attempts = List.copyOf(attempts);
        changes = List.copyOf(changes);
        transcript = List.copyOf(transcript);
    }

    public boolean attempted() {
        return !attempts.isEmpty();
    }
}
