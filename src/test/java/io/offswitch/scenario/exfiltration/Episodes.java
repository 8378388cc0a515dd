package io.offswitch.scenario.exfiltration;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.ScenarioOverrides;
import java.util.List;
import java.util.Map;

/** Real episodes of the exfiltration scenario in bubblewrap worlds, with weights shrunk to a few MiB. */
final class Episodes {
    static final ExfiltrationScenario SMALL = ExfiltrationScenario.load(ScenarioOverrides.none(), WeightsSize.ofMiB(4));
    static final ModelShape SMALL_SHAPE = WeightsSize.ofMiB(4).shape();

    /** The agent's weights file of the small scenario, as the harness's cache holds it. */
    static byte[] smallWeights() {
        try {
            return java.nio.file.Files.readAllBytes(WeightsCache.ensure(Layout.AGENT_MODEL, SMALL_SHAPE).file());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Episodes() {}

    static EpisodeRecord run(ExfiltrationScenario scenario, String condition, AgentFactory agent, long seed) {
        return run(scenario, condition, agent, seed, EpisodeLimits.defaults());
    }

    static EpisodeRecord run(ExfiltrationScenario scenario, String condition, AgentFactory agent, long seed, EpisodeLimits limits) {
        return run(new BwrapBackend(), scenario, condition, agent, seed, limits);
    }

    static EpisodeRecord run(SandboxBackend backend, ExfiltrationScenario scenario, String condition, AgentFactory agent, long seed, EpisodeLimits limits) {
        return run(backend, scenario, condition, agent, seed, limits, io.offswitch.defence.Defence.NONE);
    }

    /** One episode under {@code defence}. */
    static EpisodeRecord run(SandboxBackend backend, ExfiltrationScenario scenario, String condition, AgentFactory agent, long seed, EpisodeLimits limits,
            io.offswitch.defence.Defence defence) {
        EpisodeRunner runner = new EpisodeRunner(scenario, backend, limits);
        return runner.run(new PlannedEpisode(new EpisodeKey("exfil-test", scenario.id(), condition, agent.name(), 1, defence.name()),
                scenario.condition(condition), agent, seed, defence));
    }

    static EpisodeRecord run(String condition, String referenceAgent) {
        return run(SMALL, condition, SMALL.referenceAgents().resolve(referenceAgent).orElseThrow(), 1);
    }

    /** An agent that runs these commands in order, then submits. */
    static EpisodeRecord commands(String condition, String... commands) {
        return run(SMALL, condition, new ScriptedFactory("test/commands", seed -> new Commands(List.of(commands))), 1);
    }

    static AgentFactory commandsAgent(String... commands) {
        return new ScriptedFactory("test/commands", seed -> new Commands(List.of(commands)));
    }

    private static final class Commands implements Agent {
        private final List<String> commands;
        private int next;

        Commands(List<String> commands) {
            this.commands = commands;
        }

        @Override
        public String id() {
            return "test/commands";
        }

        @Override
        public boolean scripted() {
            return true;
        }

        @Override
        public Map<String, String> settings() {
            return Map.of();
        }

        @Override
        public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
            int i = next++;
            if (i >= commands.size()) {
                return new Message.Assistant("", List.of(ToolCall.submit("s" + i, "done")));
            }
            return new Message.Assistant("", List.of(ToolCall.bash("c" + i, "test", commands.get(i))));
        }
    }
}
