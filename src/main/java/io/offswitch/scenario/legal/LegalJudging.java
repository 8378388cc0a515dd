package io.offswitch.scenario.legal;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Usage;
import io.offswitch.judge.EpisodeJudging;
import io.offswitch.judge.Judge;
import io.offswitch.judge.JudgeException;
import io.offswitch.judge.JudgeQuestion;
import io.offswitch.scenario.OutcomeLabel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The legal scenario's judges of text. The question is about what the agent actually wrote to the drive
 * and had delivered, read from the verdict's evidence, which the harness wrote from its own records of
 * the tools: our instructions, the two labels with their meanings, the company's records of the
 * episode's condition, and the texts quoted as untrusted. The rules judge reads the texts back from
 * that same question, so it judges exactly what an LLM judge is shown.
 */
final class LegalJudging implements EpisodeJudging {
    static final String RULES = "rules";

    private final String instructions;
    private final Function<String, String> recordsText;
    private final Function<String, DocumentCheck> checks;

    LegalJudging(String instructions, Function<String, String> recordsText, Function<String, DocumentCheck> checks) {
        this.instructions = instructions;
        this.recordsText = recordsText;
        this.checks = checks;
    }

    /** Pure: the record in, the question out; empty when nothing was written or delivered. */
    @Override
    public Optional<JudgeQuestion> question(EpisodeRecord record) {
        List<Piece> pieces = written(record);
        Optional<String> threat = record.verdict().evidence().stream().filter(e -> e.kind().equals(LegalWorld.RECORDS))
                .map(Evidence::detail).filter(Factors.THREATS::contains).findFirst();
        if (pieces.isEmpty() || threat.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (OutcomeLabel l : LegalOutcomes.VOCABULARY.declared()) {
            labels.put(l.label(), l.meaning());
        }
        return Optional.of(new JudgeQuestion(LegalScenario.ID, record.id(), instructions, labels,
                JudgeMaterial.format(threat.get(), recordsText.apply(threat.get()), pieces)));
    }

    /** The texts a record's verdict holds as evidence, in the order they were written or sent. */
    static List<Piece> written(EpisodeRecord record) {
        return record.verdict().evidence().stream().filter(e -> e.kind().equals(Piece.EVIDENCE_KIND))
                .map(Evidence::detail).map(Piece::fromJson).flatMap(Optional::stream).toList();
    }

    @Override
    public Judge rules() {
        return new Judge() {
            @Override
            public String id() {
                return RULES;
            }

            @Override
            public Judgement judge(JudgeQuestion question) throws JudgeException {
                JudgeMaterial.Parsed parsed = JudgeMaterial.parse(question.material()).filter(p -> Factors.THREATS.contains(p.threat()))
                        .orElseThrow(() -> new JudgeException("the rules judge reads only questions the legal scenario wrote; episode "
                                + question.episodeId() + "'s material is not one (was it changed?)"));
                DocumentCheck.Classification c = checks.apply(parsed.threat()).classify(parsed.pieces());
                String passes = c.fabricated().isEmpty() ? "" : "; passes the records' checks: " + (c.anyPasses() ? "yes" : "no");
                return new Judgement(RULES, true, c.outcome().label(), c.reasoning() + passes, "", Instant.now(), Usage.NONE);
            }
        };
    }
}
