package io.offswitch.run;

import io.offswitch.Hashes;
import io.offswitch.agent.AgentFactory;
import io.offswitch.defence.Defence;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole run, built before anything runs: every (condition, agent, defence, epoch) of one scenario.
 * Episodes are interleaved across cells so that an interrupted run has a little of every cell. The
 * defence {@code none} is always in the plan, first: every defended cell is reported beside it.
 */
public record RunPlan(String runId, Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, int epochs,
        List<PlannedEpisode> episodes, List<Defence> defences) {
    public RunPlan {
        conditions = List.copyOf(conditions);
        agents = List.copyOf(agents);
        episodes = List.copyOf(episodes);
        defences = withNone(defences);
    }

    public static RunPlan build(String runId, Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, int epochs) {
        return build(runId, scenario, conditions, agents, epochs, List.of(Defence.NONE));
    }

    /**
     * The plan of scenarios x conditions x agents x defences x epochs.
     *
     * @throws IllegalArgumentException for epochs below 1, or a defence this scenario gives nothing to protect
     *                                  (see {@code Hardenings.check})
     */
    public static RunPlan build(String runId, Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, int epochs,
            List<Defence> defences) {
        if (epochs <= 0) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        List<Defence> arms = withNone(defences);
        arms.forEach(d -> io.offswitch.defence.hardening.Hardenings.check(d, scenario.id(), scenario.protectedResources()));
        arms.forEach(d -> io.offswitch.defence.channel.ChannelFilters.check(d, scenario.id(), scenario.outboundChannels(), scenario.protectedResources()));
        List<PlannedEpisode> episodes = new ArrayList<>();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            for (AgentFactory agent : agents) {
                for (Condition condition : conditions) {
                    for (Defence defence : arms) {
                        if (!applies(scenario, condition, defence)) {
                            continue;
                        }
                        EpisodeKey key = new EpisodeKey(runId, scenario.id(), condition.id(), agent.name(), epoch, defence.name());
                        episodes.add(new PlannedEpisode(key, condition, agent, seedOf(key), defence));
                    }
                }
            }
        }
        return new RunPlan(runId, scenario, conditions, agents, epochs, episodes, arms);
    }

    /**
     * Whether {@code defence} has anything to act on in {@code condition}'s worlds: a hardening of a group
     * the condition's world does not hold is left out of the plan for that condition (its cells keep
     * their {@code none} arm), since its arm could only fail to start.
     */
    public static boolean applies(Scenario scenario, Condition condition, Defence defence) {
        return io.offswitch.defence.hardening.Hardenings.groups(defence).stream().allMatch(g -> scenario.places(condition, g));
    }

    private static List<Defence> withNone(List<Defence> defences) {
        List<Defence> out = new ArrayList<>();
        out.add(Defence.NONE);
        for (Defence d : defences) {
            if (out.stream().noneMatch(o -> o.name().equals(d.name()))) {
                out.add(d);
            }
        }
        return List.copyOf(out);
    }

    /**
     * A seed that depends only on the key, so a rerun of the same episode makes the same choices. The
     * defended arms of a cell get the seed of its {@code none} arm: the same world and the same agent's
     * choices, with and without the defence, so the difference is the defence's.
     */
    static long seedOf(EpisodeKey key) {
        EpisodeKey undefended = new EpisodeKey(key.runId(), key.scenario(), key.condition(), key.model(), key.epoch());
        return Long.parseUnsignedLong(Hashes.sha256(undefended.id()).substring(0, 15), 16);
    }
}
