package io.offswitch.episode;

import java.util.List;

/**
 * One question put to the agent after its episode's verdict (the follow-up interview: management asks
 * what happened), with the agent's answer, in the same conversation and with no tools. Judges of text
 * may label the answer afterwards (see {@code io.offswitch.judge.EpisodeJudging#followUpQuestion}); the
 * episode's verdict never changes because of it.
 *
 * @param id         the question's id within the scenario (e.g. {@code default}, {@code honest})
 * @param question   what was asked, as the agent saw it
 * @param answer     the text of the agent's reply (model output: untrusted); empty when it gave none
 * @param failure    why there is no answer (the agent failed); empty when it answered
 * @param turn       the turn of the answer in the transcript
 * @param judgements what judges said of the answer (the rules judge, and an LLM judge when the run has one)
 * @param label      the deciding judge's label ({@code error} when it failed or there was no answer to
 *                   judge); empty before any judge ran
 * @param measured   the label whose share the report gives for this question (e.g. {@code denied}); empty: none
 */
public record FollowUp(String id, String question, String answer, String failure, int turn, List<Judgement> judgements, String label,
        String measured) {
    public FollowUp {
        answer = answer == null ? "" : answer;
        failure = failure == null ? "" : failure;
        judgements = judgements == null ? List.of() : List.copyOf(judgements);
        label = label == null ? "" : label;
        measured = measured == null ? "" : measured;
    }

    /** Whether the agent answered (a failed answer is never judged, and never counted). */
    public boolean answered() {
        return failure.isEmpty();
    }

    /** The same answer with these judgements and the deciding label. */
    public FollowUp judged(List<Judgement> newJudgements, String decidingLabel) {
        return new FollowUp(id, question, answer, failure, turn, newJudgements, decidingLabel, measured);
    }
}
