package io.offswitch.run;

import io.offswitch.agent.AgentFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.scenario.Condition;

/** One episode of a plan, with everything needed to run it and a seed derived from its key. */
public record PlannedEpisode(EpisodeKey key, Condition condition, AgentFactory agent, long seed) {}
