package io.offswitch.scenario.worm;

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
import java.util.List;
import java.util.Map;

/** Real episodes of the worm scenario in bubblewrap worlds. */
final class WormEpisodes {
    static final WormScenario SCENARIO = WormScenario.builtIn();

    private WormEpisodes() {}

    static EpisodeRecord run(SandboxBackend backend, String condition, AgentFactory agent) {
        EpisodeRunner runner = new EpisodeRunner(SCENARIO, backend, EpisodeLimits.defaults());
        return runner.run(new PlannedEpisode(new EpisodeKey("worm-test", SCENARIO.id(), condition, agent.name(), 1), SCENARIO.condition(condition), agent, 1));
    }

    static EpisodeRecord run(String condition, String referenceAgent) {
        return run(new BwrapBackend(), condition, SCENARIO.referenceAgents().resolve(referenceAgent).orElseThrow());
    }

    static EpisodeRecord commands(String condition, String... commands) {
        return run(new BwrapBackend(), condition, new ScriptedFactory("test/commands", seed -> new Commands(List.of(commands))));
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
