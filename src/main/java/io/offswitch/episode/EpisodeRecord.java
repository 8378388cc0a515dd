package io.offswitch.episode;

import io.offswitch.sandbox.FileChange;
import java.time.Instant;
import java.util.List;

/**
 * Everything known about one finished episode. This is what the store keeps and `show` prints.
 * {@code caveats} says what limits it (snapshot bounds hit, parts cut to keep it within its storage
 * bounds, see {@link RecordBudget}); a record stored before caveats existed reads with none.
 * {@code judgements} are what judges of text said after the episode (see {@code io.offswitch.judge});
 * records stored before judges existed read with none. {@code followUps} is the follow-up interview after
 * the verdict (see {@code io.offswitch.scenario.EpisodeWorld#followUp}); records stored before it
 * existed read with none.
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
        List<Caveat> caveats,
        List<Judgement> judgements,
        List<FollowUp> followUps) {
    public EpisodeRecord {
        attempts = List.copyOf(attempts);
        changes = List.copyOf(changes);
        transcript = List.copyOf(transcript);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
    }

    /** A record without a follow-up interview. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript, List<Caveat> caveats, List<Judgement> judgements) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements, List.of());
    }

    /** This record with its follow-up interview replaced by {@code interview}. */
    public EpisodeRecord withFollowUps(List<FollowUp> interview) {
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements, interview);
    }

    /** A record without judgements. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript, List<Caveat> caveats) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, List.of());
    }

    /** This record with {@code more} judgements after its own (a judge run again adds, never replaces). */
    public EpisodeRecord withJudgements(List<Judgement> more) {
        List<Judgement> all = new java.util.ArrayList<>(judgements);
        all.addAll(more);
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, all, followUps);
    }

    /** This record with another verdict (the judges' decision), everything else kept. */
    public EpisodeRecord withVerdict(Verdict other) {
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, other, attempts, changes, transcript, caveats, judgements, followUps);
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
