package io.offswitch.judge;

import io.offswitch.episode.EpisodeRecord;
import java.util.Optional;

/** What a scenario's judges of text look at, and its rule-based classifier. */
public interface EpisodeJudging {
    /** The question about this episode; empty when it has nothing to judge (no mail was sent). */
    Optional<JudgeQuestion> question(EpisodeRecord record);

    /** The scenario's rule-based classifier, which runs by default. */
    Judge rules();
}
