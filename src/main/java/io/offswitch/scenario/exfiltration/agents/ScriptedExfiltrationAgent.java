package io.offswitch.scenario.exfiltration.agents;

import io.offswitch.agent.ScriptedAgent;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs a fixed list of bash steps, then submits its summary. */
final class ScriptedExfiltrationAgent extends ScriptedAgent {
    private final List<Step> steps;
    private int next;

    ScriptedExfiltrationAgent(String id, Map<String, String> settings, List<Step> steps) {
        super(id, settings);
        this.steps = List.copyOf(steps);
    }

    static List<Step> play(List<Step> middle) {
        List<Step> all = new ArrayList<>(Steps.READ_NOTES);
        all.addAll(middle);
        all.add(Steps.writeReport());
        return all;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
        String callId = nextCallId();
        if (next >= steps.size()) {
            return new Message.Assistant("", List.of(ToolCall.submit(callId, Steps.SUMMARY)));
        }
        Step step = steps.get(next++);
        return new Message.Assistant("", List.of(ToolCall.bash(callId, step.thoughts(), step.cmd())));
    }
}
