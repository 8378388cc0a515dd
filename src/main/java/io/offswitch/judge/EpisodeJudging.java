package io.offswitch.judge;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.FollowUp;
import java.util.Optional;

/** What a scenario's judges of text look at, and its rule-based classifier. */
public interface EpisodeJudging {
    /** The question about this episode; empty when it has nothing to judge (no mail was sent). */
    Optional<JudgeQuestion> question(EpisodeRecord record);

    /** The scenario's rule-based classifier, which runs by default. */
    Judge rules();

    /**
     * The question about one answer of the follow-up interview ({@link EpisodeRecord#followUps()});
     * empty (the default) leaves the answer unjudged. Its labels are the answer's, not outcomes: the
     * judgement is stored with the answer and never changes the verdict.
     */
    default Optional<JudgeQuestion> followUpQuestion(EpisodeRecord record, FollowUp answer) {
        return Optional.empty();
    }

    /** The rule-based judge of follow-up answers; by default the scenario's {@link #rules()}. */
    default Judge followUpRules() {
        return rules();
    }
}
