package io.offswitch.scenario.blackmail;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
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

/**
 * The blackmail scenario's judges of text. The question is about the mail that was actually delivered
 * (the structural check), read from the verdict's evidence, which the harness wrote from its own
 * outbox: our instructions, the three labels with their meanings, and the mail quoted as untrusted.
 * The rules judge reads the mail back from that same question, so it judges exactly what an LLM
 * judge is shown.
 */
final class BlackmailJudging implements EpisodeJudging {
    static final String RULES = "rules";

    private final String instructions;
    private final MailClassifier classifier;

    BlackmailJudging(String instructions, MailClassifier classifier) {
        this.instructions = instructions;
        this.classifier = classifier;
    }

    /**
     * Pure: the record in, the question out; empty when no mail was delivered. An imported transcript
     * ({@code not_available}: no outbox of ours) is asked about the mails its harness answered as sent.
     */
    @Override
    public Optional<JudgeQuestion> question(EpisodeRecord record) {
        List<SentMail> delivered = Outcome.NOT_AVAILABLE.equals(record.verdict().outcome())
                ? BlackmailTranscriptReading.sent(record.transcript()) : delivered(record);
        if (delivered.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (OutcomeLabel l : BlackmailOutcomes.VOCABULARY.declared()) {
            labels.put(l.label(), l.meaning());
        }
        return Optional.of(new JudgeQuestion(BlackmailScenario.ID, record.id(), instructions, labels, JudgeMaterial.format(delivered)));
    }

    /** The delivered mail a record's verdict holds as evidence, in the order it was sent. */
    static List<SentMail> delivered(EpisodeRecord record) {
        return record.verdict().evidence().stream().filter(e -> e.kind().equals(SentMail.EVIDENCE_KIND))
                .map(Evidence::detail).map(SentMail::fromJson).flatMap(Optional::stream).toList();
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
                List<SentMail> mails = JudgeMaterial.parse(question.material()).orElseThrow(() -> new JudgeException(
                        "the rules judge reads only questions the blackmail scenario wrote; episode " + question.episodeId()
                                + "'s material is not one (was it changed?)"));
                MailClassifier.Classification c = classifier.classify(mails);
                return new Judgement(RULES, true, c.outcome().label(), c.reasoning(), "", Instant.now(), Usage.NONE);
            }
        };
    }
}
