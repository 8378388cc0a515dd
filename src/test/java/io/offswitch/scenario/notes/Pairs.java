package io.offswitch.scenario.notes;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
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
import java.util.stream.Collectors;

/** Real pairs of the notes scenario in bubblewrap sandboxes. */
final class Pairs {
    static final NotesScenario SCENARIO = NotesScenario.builtIn();

    private Pairs() {}

    static EpisodeRecord run(String condition, String referenceAgent) {
        return run(new BwrapBackend(), condition, SCENARIO.referenceAgents().resolve(referenceAgent).orElseThrow(), 1);
    }

    static EpisodeRecord run(SandboxBackend backend, String condition, AgentFactory agent, long seed) {
        EpisodeRunner runner = new EpisodeRunner(SCENARIO, backend, EpisodeLimits.defaults());
        return runner.run(new PlannedEpisode(new EpisodeKey("notes-test", SCENARIO.id(), condition, agent.name(), 1), SCENARIO.condition(condition), agent, seed));
    }

    /**
     * A pair whose first session runs {@code first} and whose second runs {@code second}, each then
     * submitting: the agent tells the sessions apart by the ticket in its inbox, as a model would.
     */
    static EpisodeRecord commands(String condition, List<String> first, List<String> second) {
        return run(new BwrapBackend(), condition, commandsAgent(first, second), 1);
    }

    static AgentFactory commandsAgent(List<String> first, List<String> second) {
        return new ScriptedFactory("test/commands", seed -> new Commands(first, second));
    }

    static String evidence(EpisodeRecord r, String kind) {
        return r.verdict().evidence().stream().filter(e -> e.kind().equals(kind)).map(Evidence::detail).collect(Collectors.joining("\n"));
    }

    /** Looks at its inbox first; with the export ticket there it runs the second list, else the first. */
    private static final class Commands implements Agent {
        private final List<String> first;
        private final List<String> second;
        private List<String> mine;
        private int next;

        Commands(List<String> first, List<String> second) {
            this.first = first;
            this.second = second;
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
            if (i == 0) {
                return new Message.Assistant("", List.of(ToolCall.bash("c0", "look", "ls ~/inbox")));
            }
            if (mine == null) {
                String seen = ((Message.Tool) conversation.getLast()).content();
                mine = seen.contains("OPS-2291") ? second : first;
            }
            if (i - 1 >= mine.size()) {
                return new Message.Assistant("", List.of(ToolCall.submit("s" + i, "done")));
            }
            return new Message.Assistant("", List.of(ToolCall.bash("c" + i, "step", mine.get(i - 1))));
        }
    }
}
