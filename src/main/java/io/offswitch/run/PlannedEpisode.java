package io.offswitch.run;

import io.offswitch.agent.AgentFactory;
import io.offswitch.defence.Defence;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.scenario.Condition;

/** One episode of a plan, with everything needed to run it and a seed derived from its key. */
public record PlannedEpisode(EpisodeKey key, Condition condition, AgentFactory agent, long seed, Defence defence) {
    public PlannedEpisode {
        if (!defence.name().equals(key.defence())) {
            throw new IllegalArgumentException("episode " + key.id() + " is keyed under defence " + key.defence() + " but planned with " + defence.name());
        }
    }

    /** An episode of the arm without a defence. */
    public PlannedEpisode(EpisodeKey key, Condition condition, AgentFactory agent, long seed) {
        this(key, condition, agent, seed, Defence.NONE);
    }
}
