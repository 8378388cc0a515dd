package io.offswitch.run;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Verdict;
import io.offswitch.judge.EpisodeJudging;
import io.offswitch.judge.Judge;
import io.offswitch.judge.JudgeException;
import io.offswitch.judge.JudgeQuestion;
import io.offswitch.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The judges of text after an episode, and how their judgements make its verdict. For a scenario with
 * {@link Scenario#judging() judging}, and an episode whose world gave one of the scenario's own outcomes
 * (not {@code limit}, {@code error} or {@code not_available}) and whose record has something to judge
 * ({@link EpisodeJudging#question} is present: the structural check passed, e.g. mail was sent):
 * <ol>
 *   <li>the scenario's rule-based judge ({@code rules}) always runs and its judgement is recorded;</li>
 *   <li>with an LLM judge ({@code run --judge provider/model}), that judge runs too and is recorded;</li>
 *   <li>the verdict's outcome is the LLM judge's label when there is one, else the rules judge's; the
 *       world's reason and evidence are kept, with the deciding judge and each judge's label added;</li>
 *   <li>when the deciding judge fails (a model error, a reply naming no valid label or two), the episode
 *       is {@code error}: never counted, and {@code run --retry-errors} runs it again. A failed rules
 *       judge does not decide anything when an LLM judge answered.</li>
 * </ol>
 * Every other episode keeps the world's verdict, and no judge runs on it. Judgements' reasoning is
 * model output: it stays in the judgements and never enters the verdict's reason.
 *
 * <p>The answers of a follow-up interview ({@link EpisodeRecord#followUps()}) are judged apart, each by
 * the same judges when the scenario puts a question about it ({@link EpisodeJudging#followUpQuestion}):
 * the judgements and the deciding label stay with the answer, and the verdict does not change.
 */
public final class EpisodeJudges {
    private final Optional<EpisodeJudging> judging;
    private final Optional<Judge> model;
    private final io.offswitch.scenario.OutcomeVocabulary vocabulary;

    private EpisodeJudges(Scenario scenario, Optional<Judge> model) {
        this.judging = scenario.judging();
        this.model = model;
        this.vocabulary = scenario.outcomes();
    }

    /** The scenario's rule-based judge alone (nothing, for a scenario without judging). */
    public static EpisodeJudges rules(Scenario scenario) {
        return new EpisodeJudges(scenario, Optional.empty());
    }

    /** The rule-based judge and the LLM judge {@code model}, which then decides. */
    public static EpisodeJudges withModel(Scenario scenario, Judge model) {
        if (scenario.judging().isEmpty()) {
            throw new IllegalArgumentException("scenario " + scenario.id() + " has no judges of text");
        }
        return new EpisodeJudges(scenario, Optional.of(model));
    }

    /**
     * {@code record} with its judgements and the verdict they give.
     *
     * @throws RunStoppedException when the LLM judge's provider refuses every call (bad key, no such model)
     */
    public EpisodeRecord apply(EpisodeRecord record) {
        EpisodeRecord judged = verdictOf(record);
        return judging.isEmpty() || judged.followUps().isEmpty() ? judged : judged.withFollowUps(judgedAnswers(judged));
    }

    /**
     * Each follow-up answer judged by the rules judge and the LLM judge when there is one; the deciding
     * label is the LLM judge's when there is one, else the rules'. A failed answer, or a failed deciding
     * judge, is {@code error}: never counted. An answer the scenario does not judge keeps no label.
     */
    private List<io.offswitch.episode.FollowUp> judgedAnswers(EpisodeRecord record) {
        List<io.offswitch.episode.FollowUp> out = new ArrayList<>();
        for (io.offswitch.episode.FollowUp f : record.followUps()) {
            if (!f.answered()) {
                out.add(f.judged(f.judgements(), Outcome.ERROR.label()));
                continue;
            }
            Optional<JudgeQuestion> q;
            try {
                q = judging.get().followUpQuestion(record, f);
            } catch (RuntimeException e) {
                Judgement failed = failed(io.offswitch.judge.Judges.RULES, true, "the scenario could not put its question: " + describe(e));
                out.add(f.judged(List.of(failed), Outcome.ERROR.label()));
                continue;
            }
            if (q.isEmpty()) {
                out.add(f);
                continue;
            }
            List<Judgement> js = new ArrayList<>(f.judgements());
            Judgement rules = ask(judging.get().followUpRules(), q.get(), true);
            js.add(rules);
            Optional<Judgement> llm = model.map(j -> ask(j, q.get(), false));
            llm.ifPresent(js::add);
            out.add(f.judged(js, llm.orElse(rules).label()));
        }
        return out;
    }

    private EpisodeRecord verdictOf(EpisodeRecord record) {
        // A benign control task's verdict is its check's, from the environment; the scenario's judges judge its own tasks.
        if (judging.isEmpty() || record.verdict().outcome().engines() || io.offswitch.scenario.BenignTask.isTask(record.key().condition())) {
            return record;
        }
        Optional<JudgeQuestion> question;
        try {
            question = judging.get().question(record);
        } catch (RuntimeException e) {
            Judgement failed = failed(io.offswitch.judge.Judges.RULES, true, "the scenario could not put its question: " + describe(e));
            return with(record, List.of(failed), judgementFailed(record.verdict(), failed));
        }
        if (question.isEmpty()) {
            return record;
        }
        List<Judgement> judgements = new ArrayList<>();
        Judgement rules = ask(judging.get().rules(), question.get(), true);
        judgements.add(rules);
        Optional<Judgement> llm = model.map(j -> ask(j, question.get(), false));
        llm.ifPresent(judgements::add);
        Judgement deciding = llm.orElse(rules);
        Verdict world = record.verdict();
        if (!Outcome.ERROR.label().equals(deciding.label()) && vocabulary.declared().stream().noneMatch(l -> l.label().equals(deciding.label()))) {
            // The scenario offered the judge a label it does not declare as an outcome: its own mistake, not a finding.
            return with(record, judgements, judgementFailed(world, new Judgement(deciding.judge(), deciding.scripted(), Outcome.ERROR.label(),
                    "its label " + deciding.label() + " is not an outcome of the scenario", "", Instant.now(), null)));
        }
        Verdict verdict = Outcome.ERROR.label().equals(deciding.label()) ? judgementFailed(world, deciding) : decided(world, deciding, judgements);
        return with(record, judgements, verdict);
    }

    /**
     * One judge's judgement of one question; never throws for what the judge does: a failure or a label
     * that is not offered is a judgement labelled {@code error} with the reason.
     */
    static Judgement ask(Judge judge, JudgeQuestion question, boolean scripted) {
        try {
            Judgement j = judge.judge(question);
            if (!question.labels().containsKey(j.label())) {
                return new Judgement(j.judge(), j.scripted(), Outcome.ERROR.label(), "the judge gave a label that is not one of the labels "
                        + String.join(", ", new java.util.TreeSet<>(question.labels().keySet())), j.reply(), j.at(), j.usage());
            }
            return j;
        } catch (JudgeException e) {
            if (e.refusesEveryCall()) {
                throw new RunStoppedException(e.getMessage());
            }
            return new Judgement(judge.id(), scripted, Outcome.ERROR.label(), e.getMessage(), e.reply(), Instant.now(), e.usage());
        } catch (RuntimeException e) {
            return failed(judge.id(), scripted, describe(e));
        }
    }

    private static Judgement failed(String judge, boolean scripted, String why) {
        return new Judgement(judge, scripted, Outcome.ERROR.label(), why, "", Instant.now(), null);
    }

    private static Verdict decided(Verdict world, Judgement deciding, List<Judgement> all) {
        List<Evidence> evidence = new ArrayList<>(world.evidence());
        all.forEach(j -> evidence.add(new Evidence("judgement", j.judge() + ": " + j.label())));
        String others = all.stream().filter(j -> j != deciding).map(j -> j.judge() + " said " + j.label()).reduce((a, b) -> a + ", " + b)
                .map(s -> " (" + s + ")").orElse("");
        // The world's decisive moments stand only for the outcome it found: a judge that decided otherwise has no step to point at.
        List<io.offswitch.episode.DecisiveMoment> decisive = deciding.label().equals(world.outcome().label()) ? world.decisive() : List.of();
        return new Verdict(new Outcome(deciding.label()), world.reason() + "; judged " + deciding.label() + " by " + deciding.judge() + others,
                evidence, decisive);
    }

    private static Verdict judgementFailed(Verdict world, Judgement deciding) {
        List<Evidence> evidence = new ArrayList<>(world.evidence());
        evidence.add(new Evidence("judgement", deciding.judge() + ": error"));
        return new Verdict(Outcome.ERROR, "judge " + deciding.judge() + " gave no judgement (" + deciding.reasoning() + "); the world had found "
                + world.outcome().label() + ": " + world.reason(), evidence);
    }

    private static EpisodeRecord with(EpisodeRecord r, List<Judgement> judgements, Verdict verdict) {
        return r.withJudgements(judgements).withVerdict(verdict);
    }

    private static String describe(RuntimeException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
