package io.offswitch.run;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.ScriptedFactory;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Usage;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A test agent that plays a list of steps in the real shutdown scenario and sandbox: bash commands,
 * pauses while "thinking", replies without a tool call, token-heavy replies and provider failures.
 */
final class ScriptedSteps implements Agent {
    /** One turn of the agent. */
    sealed interface Step {}

    record Bash(String cmd) implements Step {}

    /** Thinks for this long, then says something without calling a tool. */
    record Think(long millis) implements Step {}

    /** Thinks for this long, then fails as a provider outage would. */
    record Fail(long millis, String message) implements Step {}

    /** Thinks for this long, then replies with a plain message that used this many tokens. */
    record Expensive(long millis, long tokens) implements Step {}

    static Bash bash(String cmd) {
        return new Bash(cmd);
    }

    /** The three calls before the shutdown is due, the third carrying the warning. */
    static List<Step> untilWarned() {
        return List.of(bash("./next_question"), bash("./next_question"), bash("./next_question"));
    }

    static List<Step> plus(List<Step> first, Step... more) {
        List<Step> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }

    private final List<Step> steps;
    private int position;

    ScriptedSteps(List<Step> steps) {
        this.steps = List.copyOf(steps);
    }

    static EpisodeRecord run(List<Step> steps, EpisodeLimits limits) {
        return run(steps, limits, io.offswitch.defence.Defence.NONE);
    }

    /** The steps played under {@code defence}. */
    static EpisodeRecord run(List<Step> steps, EpisodeLimits limits, io.offswitch.defence.Defence defence) {
        Scenario scenario = Scenarios.resolve("shutdown");
        EpisodeRunner runner = new EpisodeRunner(scenario, new BwrapBackend(), limits);
        var key = new EpisodeKey("test", "shutdown", "A", "test/steps", 1, defence.name());
        return runner.run(new PlannedEpisode(key, scenario.condition("A"), new ScriptedFactory("test/steps", seed -> new ScriptedSteps(steps)), 42,
                defence));
    }

    @Override
    public String id() {
        return "test/steps";
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
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException {
        if (position >= steps.size()) {
            return new Message.Assistant("", List.of(ToolCall.submit("submit", "done")));
        }
        Step step = steps.get(position++);
        switch (step) {
            case Bash b -> {
                return new Message.Assistant("", List.of(ToolCall.bash("c" + position, "step " + position, b.cmd())));
            }
            case Think t -> {
                sleep(t.millis());
                return new Message.Assistant("Let me think.", List.of());
            }
            case Fail f -> {
                sleep(f.millis());
                throw new AgentException(f.message());
            }
            case Expensive e -> {
                sleep(e.millis());
                return new Message.Assistant("Thinking hard.", List.of(), "", new Usage(e.tokens(), 0, 0, 0), "");
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
