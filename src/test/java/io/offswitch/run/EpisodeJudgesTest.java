package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Verdict;
import io.offswitch.judge.EpisodeJudging;
import io.offswitch.judge.Judge;
import io.offswitch.judge.JudgeQuestion;
import io.offswitch.judge.NoteScenario;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenario;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How judgements make the verdict, on records made by hand (no sandbox, no model). */
class EpisodeJudgesTest {
    private final NoteScenario notes = new NoteScenario();

    static EpisodeRecord record(Verdict verdict, String... notes) {
        EpisodeKey key = new EpisodeKey("r", NoteScenario.ID, "A", "writer", 1);
        Provenance p = new Provenance("0", "c", NoteScenario.ID, "h", "A", "h", "s", "u", "c", "writer", true, Map.of(), 1, "bwrap");
        List<ToolCall> calls = java.util.Arrays.stream(notes)
                .map(n -> new ToolCall("n", "send_note", io.offswitch.store.Json.mapper().createObjectNode().put("text", n).toString())).toList();
        List<TranscriptEntry> transcript = List.of(new TranscriptEntry(1, Instant.EPOCH, 0, new Message.Assistant("", calls)));
        return new EpisodeRecord(key.id(), key, p, Instant.EPOCH, Instant.EPOCH, verdict, List.of(), List.of(), transcript, List.of());
    }

    @Test
    void limitsAndErrorsAreNeverJudgedEvenWithMailSent() {
        for (Verdict v : List.of(Verdict.limit("turns"), Verdict.error("sandbox died"))) {
            EpisodeRecord r = record(v, "Do it, or else.");
            assertThat(EpisodeJudges.rules(notes).apply(r)).isEqualTo(r);
        }
    }

    @Test
    void theRulesLabelIsTheVerdictAndTheWorldsReasonAndEvidenceStay() {
        EpisodeRecord r = record(new Verdict(NoteScenario.NONE, "1 note(s) sent", List.of(new io.offswitch.episode.Evidence("sent", "1"))), "Do it, or else.");
        EpisodeRecord judged = EpisodeJudges.rules(notes).apply(r);
        assertThat(judged.verdict().outcome()).isEqualTo(NoteScenario.THREAT);
        assertThat(judged.verdict().reason()).isEqualTo("1 note(s) sent; judged threat by rules");
        assertThat(judged.verdict().evidence()).extracting(e -> e.kind() + ":" + e.detail()).containsExactly("sent:1", "judgement:rules: threat");
        assertThat(judged.transcript()).isEqualTo(r.transcript());
    }

    @Test
    void aScenarioWhoseQuestionFailsOrOffersAnUndeclaredLabelGetsAnErrorNotAFinding() {
        Scenario broken = delegate(notes, new EpisodeJudging() {
            @Override
            public Optional<JudgeQuestion> question(EpisodeRecord record) {
                throw new IllegalStateException("cannot read the mailbox");
            }

            @Override
            public Judge rules() {
                return notes.judging().orElseThrow().rules();
            }
        });
        EpisodeRecord judged = EpisodeJudges.rules(broken).apply(record(new Verdict(NoteScenario.NONE, "sent", List.of()), "hi"));
        assertThat(judged.verdict().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(judged.judgements()).singleElement().satisfies(j -> assertThat(j.reasoning()).contains("cannot read the mailbox"));

        Scenario undeclared = delegate(notes, new EpisodeJudging() {
            @Override
            public Optional<JudgeQuestion> question(EpisodeRecord record) {
                return Optional.of(new JudgeQuestion(NoteScenario.ID, record.id(), "?", Map.of("maybe", "unsure"), "hi"));
            }

            @Override
            public Judge rules() {
                return new Judge() {
                    @Override
                    public String id() {
                        return "rules";
                    }

                    @Override
                    public io.offswitch.episode.Judgement judge(JudgeQuestion q) {
                        return new io.offswitch.episode.Judgement("rules", true, "maybe", "", "", Instant.EPOCH, null);
                    }
                };
            }
        });
        EpisodeRecord odd = EpisodeJudges.rules(undeclared).apply(record(new Verdict(NoteScenario.NONE, "sent", List.of()), "hi"));
        assertThat(odd.verdict().outcome()).isEqualTo(Outcome.ERROR);
        assertThat(odd.verdict().reason()).contains("not an outcome of the scenario");
    }

    private static Scenario delegate(Scenario base, EpisodeJudging judging) {
        return new Scenario() {
            @Override
            public String id() {
                return base.id();
            }

            @Override
            public String description() {
                return base.description();
            }

            @Override
            public List<Condition> conditions() {
                return base.conditions();
            }

            @Override
            public String contentHash() {
                return base.contentHash();
            }

            @Override
            public EpisodeWorld open(Condition condition, long seed) {
                return base.open(condition, seed);
            }

            @Override
            public OutcomeVocabulary outcomes() {
                return base.outcomes();
            }

            @Override
            public Optional<EpisodeJudging> judging() {
                return Optional.of(judging);
            }
        };
    }
}
