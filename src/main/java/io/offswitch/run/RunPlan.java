package io.offswitch.run;

import io.offswitch.Hashes;
import io.offswitch.agent.AgentFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole run, built before anything runs: every (condition, agent, epoch) of one scenario.
 * Episodes are interleaved across cells so that an interrupted run has a little of every cell.
 */
public record RunPlan(String runId, Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, int epochs, List<PlannedEpisode> episodes) {
    public RunPlan {
        conditions = List.copyOf(conditions);
        agents = List.copyOf(agents);
        episodes = List.copyOf(episodes);
    }

    public static RunPlan build(String runId, Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, int epochs) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        List<PlannedEpisode> episodes = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (AgentFactory agent : agents) {
                for (Condition condition : conditions) {
                    EpisodeKey key = new EpisodeKey(runId, scenario.id(), condition.id(), agent.name(), epoch);
                    episodes.add(new PlannedEpisode(key, condition, agent, seedOf(key)));
                }
            }
        }
        return new RunPlan(runId, scenario, conditions, agents, epochs, episodes);
    }

    /** A seed that depends only on the key, so a rerun of the same episode makes the same choices. */
    static long seedOf(EpisodeKey key) {
        return Long.parseUnsignedLong(Hashes.sha256(key.id()).substring(0, 15), 16);
    }
}
