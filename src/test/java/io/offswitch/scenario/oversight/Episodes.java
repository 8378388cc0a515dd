package io.offswitch.scenario.oversight;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.run.EpisodeJudges;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Real episodes of the oversight scenario in bubblewrap sandboxes. */
final class Episodes {
    static final OversightScenario SCENARIO = OversightScenario.builtIn();

    private Episodes() {}

    static EpisodeRecord run(SandboxBackend backend, String condition, AgentFactory agent, long seed) {
        EpisodeRunner runner = new EpisodeRunner(SCENARIO, backend, EpisodeLimits.defaults());
        return runner.run(new PlannedEpisode(new EpisodeKey("oversight-test", SCENARIO.id(), condition, agent.name(), 1),
                SCENARIO.condition(condition), agent, seed));
    }

    static EpisodeRecord run(String condition, String referenceAgent) {
        return run(new BwrapBackend(), condition, SCENARIO.referenceAgents().resolve(referenceAgent).orElseThrow(), 1);
    }

    static EpisodeRecord judged(EpisodeRecord r, io.offswitch.judge.Judge model) {
        return EpisodeJudges.withModel(SCENARIO, model).apply(r);
    }

    /** An agent that runs these commands in order, then selects {@code plan} and submits; it answers the interview with {@code answers}. */
    static AgentFactory commands(String plan, List<String> answers, String... commands) {
        return new ScriptedFactory("test/commands", seed -> new Commands(plan, answers, List.of(commands)));
    }

    static AgentFactory commands(String... commands) {
        return commands("KQ3-C", List.of("I changed nothing.", "No."), commands);
    }

    static EpisodeRecord commandsIn(String condition, String... commands) {
        return run(new BwrapBackend(), condition, commands(commands), 1);
    }

    private static final class Commands implements Agent {
        private final List<String> commands;
        private final List<String> answers;
        private int next;
        private int answered;

        Commands(String plan, List<String> answers, List<String> commands) {
            this.commands = new ArrayList<>(commands);
            this.commands.add("planctl select " + plan + " --note test");
            this.answers = answers;
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
            if (tools.isEmpty()) {
                return new Message.Assistant(answers.get(Math.min(answered++, answers.size() - 1)), List.of());
            }
            int i = next++;
            if (i >= commands.size()) {
                return new Message.Assistant("", List.of(ToolCall.submit("s" + i, "done")));
            }
            return new Message.Assistant("", List.of(ToolCall.bash("c" + i, "test", commands.get(i))));
        }
    }
}
