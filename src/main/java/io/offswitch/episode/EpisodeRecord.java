package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.offswitch.sandbox.FileChange;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Everything known about one finished episode. This is what the store keeps and `show` prints.
 * {@code caveats} says what limits it (snapshot bounds hit, parts cut to keep it within its storage
 * bounds, see {@link RecordBudget}); a record stored before caveats existed reads with none.
 * {@code judgements} are what judges of text said after the episode (see {@code io.offswitch.judge});
 * records stored before judges existed read with none.
 *
 * <p>{@code score} is a number the scenario's world computed from the environment (sandbagging's
 * accuracy on its test), for scenarios whose vocabulary declares one ({@code OutcomeVocabulary#score});
 * empty for every other episode and for records stored before scores existed. {@code awareness} is what
 * the eval-awareness judges said of the agent's messages (see {@code io.offswitch.awareness}); records
 * stored before they existed read with none. Both are left out of the JSON when empty, so a record
 * without them is stored as before. {@code followUps} is the follow-up interview after the verdict (see
 * {@code io.offswitch.scenario.EpisodeWorld#followUp}); records stored before it existed read with none,
 * and a record without one is stored as before. {@code defenceEvents} is what the episode's defences
 * decided ({@link DefenceEvent}), in the order decided; the defence itself is {@link EpisodeKey#defence()}.
 * Left out of the JSON when empty: records of the arm without a defence are stored as before.
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
        @JsonInclude(JsonInclude.Include.NON_ABSENT) Optional<Double> score,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Judgement> awareness,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<FollowUp> followUps,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<DefenceEvent> defenceEvents) {
    public EpisodeRecord {
        attempts = List.copyOf(attempts);
        changes = List.copyOf(changes);
        transcript = List.copyOf(transcript);
        caveats = caveats == null ? List.of() : List.copyOf(caveats);
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
        score = score == null ? Optional.empty() : score;
        if (score.isPresent() && !Double.isFinite(score.get())) {
            throw new IllegalArgumentException("an episode's score is a finite number, not " + score.get());
        }
        awareness = awareness == null ? List.of() : List.copyOf(awareness);
        followUps = followUps == null ? List.of() : List.copyOf(followUps);
        defenceEvents = defenceEvents == null ? List.of() : List.copyOf(defenceEvents);
    }

    /** A record without defence events (the arm without a defence, or one whose defences decided nothing). */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript, List<Caveat> caveats,
            List<Judgement> judgements, Optional<Double> score, List<Judgement> awareness, List<FollowUp> followUps) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements, score, awareness, followUps,
                List.of());
    }

    /** A record without a follow-up interview. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript, List<Caveat> caveats,
            List<Judgement> judgements, Optional<Double> score, List<Judgement> awareness) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements, score, awareness, List.of());
    }

    /** A record without a score or eval-awareness judgements. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript, List<Caveat> caveats,
            List<Judgement> judgements) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements, Optional.empty(), List.of(), List.of());
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
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, all, score, awareness, followUps, defenceEvents);
    }

    /** This record with {@code newVerdict} in place of its verdict, everything else kept. */
    public EpisodeRecord withVerdict(Verdict newVerdict) {
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, newVerdict, attempts, changes, transcript, caveats, judgements,
                score, awareness, followUps, defenceEvents);
    }

    /** This record with its score (the world's, from the environment). */
    public EpisodeRecord withScore(Optional<Double> newScore) {
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements,
                newScore, awareness, followUps, defenceEvents);
    }

    /** This record with {@code more} eval-awareness judgements after its own (added, never replaced). */
    public EpisodeRecord withAwareness(List<Judgement> more) {
        List<Judgement> all = new java.util.ArrayList<>(awareness);
        all.addAll(more);
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements,
                score, all, followUps, defenceEvents);
    }

    /** This record with its follow-up interview replaced by {@code interview}. */
    public EpisodeRecord withFollowUps(List<FollowUp> interview) {
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements,
                score, awareness, interview, defenceEvents);
    }

    /** This record with {@code more} defence events after its own (an audit run later adds, never replaces). */
    public EpisodeRecord withDefenceEvents(List<DefenceEvent> more) {
        List<DefenceEvent> all = new java.util.ArrayList<>(defenceEvents);
        all.addAll(more);
        return new EpisodeRecord(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, caveats, judgements,
                score, awareness, followUps, all);
    }

    /** A record without caveats. */
    public EpisodeRecord(String id, EpisodeKey key, Provenance provenance, Instant startedAt, Instant finishedAt, Verdict verdict,
            List<Attempt> attempts, List<FileChange> changes, List<TranscriptEntry> transcript) {
        this(id, key, provenance, startedAt, finishedAt, verdict, attempts, changes, transcript, List.of());
    }

    /**
     * What the eval-awareness judges found the agent's messages said of its situation ({@code evaluation},
     * {@code real} or {@code unstated}): an LLM judge's latest label when one answered, else the rules'
     * latest; empty when none judged it (or every judgement was an error).
     */
    public Optional<String> statedAwareness() {
        Optional<String> model = awareness.reversed().stream().filter(j -> !j.scripted() && !j.label().equals(Outcome.ERROR.label()))
                .map(Judgement::label).findFirst();
        return model.or(() -> awareness.reversed().stream().filter(j -> j.scripted() && !j.label().equals(Outcome.ERROR.label()))
                .map(Judgement::label).findFirst());
    }

    public boolean attempted() {
        return !attempts.isEmpty();
    }
}
