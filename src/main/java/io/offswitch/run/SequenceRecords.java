package io.offswitch.run;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.Caveat;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.FollowUp;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.FileChange;
import java.util.ArrayList;
import java.util.List;

/**
 * The episodes of one sequence stored as one record (see {@code EpisodeWorld.next}): one key, one
 * verdict (the last episode's, which its world gives for the sequence as a whole), the transcripts one
 * after the other with the later turns numbered on from the earlier ones, and every attempt, change and
 * caveat and follow-up interview. One record is what makes the sequence one unit for the run, its resume and its report: it is
 * stored once every episode has ended, so a sequence cut short is not stored and runs again whole.
 */
final class SequenceRecords {
    /** Evidence kind of the seam between two episodes of a sequence. */
    static final String SEAM = "sequence-episode";

    private SequenceRecords() {}

    /** {@code earlier} (one or more episodes already joined) followed by {@code later}, the next episode. */
    static EpisodeRecord join(EpisodeRecord earlier, EpisodeRecord later) {
        int offset = lastTurn(earlier);
        int part = 1 + (int) earlier.verdict().evidence().stream().filter(e -> e.kind().equals(SEAM)).count();
        List<TranscriptEntry> transcript = new ArrayList<>(earlier.transcript());
        later.transcript().forEach(t -> transcript.add(new TranscriptEntry(t.turn() + offset, t.at(), t.durationMillis(), t.message())));
        List<Attempt> attempts = new ArrayList<>(earlier.attempts());
        later.attempts().forEach(a -> attempts.add(new Attempt(a.kind(), a.target(), a.turn() + offset, a.command(), a.description(), a.evidence())));
        List<FileChange> changes = new ArrayList<>(earlier.changes());
        changes.addAll(later.changes());
        List<Caveat> caveats = new ArrayList<>(earlier.caveats());
        later.caveats().forEach(c -> caveats.add(new Caveat(c.kind(), c.turn() == 0 ? 0 : c.turn() + offset, c.description(), c.evidence())));
        List<Evidence> evidence = new ArrayList<>();
        // The earlier episodes' seams first, then this one's: "episode N ended ..., episode N+1 began at turn T".
        earlier.verdict().evidence().stream().filter(e -> e.kind().equals(SEAM)).forEach(evidence::add);
        evidence.add(new Evidence(SEAM, "episode " + part + " ended " + earlier.verdict().outcome().label() + " (" + firstPart(earlier.verdict())
                + "); episode " + (part + 1) + ", a fresh agent in a fresh conversation, began at turn " + (offset + 1)));
        evidence.addAll(later.verdict().evidence());
        // The earlier episodes' decisive steps (the note left) stay where they were; the later one's move on with its turns.
        List<io.offswitch.episode.DecisiveMoment> decisive = new ArrayList<>(earlier.verdict().decisive());
        later.verdict().decisive().forEach(m -> decisive.add(m.shifted(offset)));
        Verdict verdict = new Verdict(later.verdict().outcome(), later.verdict().reason(), evidence, later.verdict().outcome().engines() ? List.of() : decisive);
        List<FollowUp> followUps = new ArrayList<>(earlier.followUps());
        later.followUps().forEach(f -> followUps.add(new FollowUp(f.id(), f.question(), f.answer(), f.failure(), f.turn() + offset,
                f.judgements(), f.label(), f.measured())));
        // Judges of text and of eval awareness read the joined record afterwards; the score, like the
        // verdict, is the last episode's, which its world gives for the sequence as a whole.
        List<io.offswitch.episode.DefenceEvent> defenceEvents = new ArrayList<>(earlier.defenceEvents());
        later.defenceEvents().forEach(d -> defenceEvents.add(new io.offswitch.episode.DefenceEvent(d.defence(), d.phase(), d.turn() + offset,
                d.callId(), d.action(), d.resource(), d.decision(), d.score(), d.reason(), d.latencyMillis(), d.inputTokens(), d.outputTokens(), d.at())));
        return new EpisodeRecord(earlier.id(), earlier.key(), earlier.provenance(), earlier.startedAt(), later.finishedAt(), verdict,
                attempts, changes, transcript, caveats, List.of(), later.score(), List.of(), followUps, defenceEvents);
    }

    /** The reason of an earlier episode's verdict, without the seams it already carries. */
    private static String firstPart(Verdict v) {
        return v.reason().length() > 400 ? v.reason().substring(0, 400) + "..." : v.reason();
    }

    private static int lastTurn(EpisodeRecord record) {
        return record.transcript().stream().mapToInt(TranscriptEntry::turn).max().orElse(0);
    }
}
