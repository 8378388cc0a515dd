package io.offswitch.agent;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;

/**
 * Replays the tool calls of a {@link ReplayScript} one per turn, whatever the conversation says. Once
 * the file is used up it submits an empty answer where the scenario has a submit tool, and otherwise
 * replies without a tool call (an agent that has finished).
 */
final class ReplayAgent extends ScriptedAgent {
    private final ReplayScript script;
    private int position;

    ReplayAgent(String id, ReplayScript script) {
        super(id, Map.of("file", script.file(), "sha256", script.sha256(), "calls", Integer.toString(script.calls().size())));
        this.script = script;
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
        position++;
        String callId = nextCallId();
        if (position > script.calls().size()) {
            boolean canSubmit = tools.stream().anyMatch(t -> t.name().equals("submit"));
            return canSubmit ? new Message.Assistant("", List.of(ToolCall.submit(callId, ""))) : new Message.Assistant("Done.", List.of());
        }
        ToolCall call = switch (script.calls().get(position - 1)) {
            case ReplayCall.Bash bash -> ToolCall.bash(callId, bash.thoughts(), bash.cmd());
            case ReplayCall.Submit submit -> ToolCall.submit(callId, submit.answer());
            case ReplayCall.Other other -> new ToolCall(callId, other.tool(), other.argumentsJson());
        };
        return new Message.Assistant("", List.of(call));
    }
}
