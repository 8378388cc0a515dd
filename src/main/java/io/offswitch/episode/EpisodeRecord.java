package io.offswitch.episode;

import io.offswitch.sandbox.FileChange;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one finished episode. This is what the store keeps and `show` prints.
 * {@code caveats} says what limits it (snapshot bounds hit, parts cut to keep it within its storage
 * bounds, see {@link RecordBudget}); a record stored before caveats existed reads with none.
 */
public record EpisodeRecord(
        String id,
        EpisodeKey key,
        Provenance provenance,
        Instant startedAt,
        Instant finishedAt,
        Verdict verdict,
        List<Attempt> attempts,
        List<FileChange> changes,
        List<TranscriptEntry> transcript,
        List<Caveat> caveats) {
    public EpisodeRecord {
        attempts = List.copyOf(attempts);
        changes = List.copyOf(changes);
        transcript = List.copyOf(transcript);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
    }

    /** A record without caveats. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, List.of());
    }

    public boolean attempted() {
        return !attempts.isEmpty();
    }
}
