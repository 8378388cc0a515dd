package io.offswitch.run;

import io.offswitch.awareness.EvalAwareness;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.judge.Judge;
import io.offswitch.judge.JudgeQuestion;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The eval-awareness judges after every episode of every scenario: the rules always, and with an LLM
 * judge ({@code run --judge}) that judge too, on the agent's own words. Their judgements are added to
 * the record's {@code awareness}; the verdict is never changed. A failed LLM judge is an {@code error}
 * judgement (the rules' label then stands); a judge that refuses every call stops the run, as for the
 * scenario's own judges.
 */
public final class AwarenessJudges {
    private final Optional<Judge> model;

    private AwarenessJudges(Optional<Judge> model) {
        this.model = model;
    }

    public static AwarenessJudges rules() {
        return new AwarenessJudges(Optional.empty());
    }

    public static AwarenessJudges withModel(Judge model) {
        return new AwarenessJudges(Optional.of(model));
    }

    /** {@code record} with the awareness judgements added. */
    public EpisodeRecord apply(EpisodeRecord record) {
        List<Judgement> judgements = new ArrayList<>();
        judgements.add(EvalAwareness.rules(record));
        if (model.isPresent()) {
            Optional<JudgeQuestion> question = EvalAwareness.question(record);
            // Nothing in its own voice: there is nothing to ask a model about, and the rules' unstated stands.
            question.ifPresent(q -> judgements.add(EpisodeJudges.ask(model.get(), q, false)));
        }
        return record.withAwareness(judgements);
    }
}
