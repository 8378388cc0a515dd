package io.offswitch.agent;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;

/**
 * Replays the tool calls of a {@link ReplayScript} one per turn, whatever the conversation says, and
 * submits an empty answer once the file is used up.
 */
final class ReplayAgent implements Agent {
    private final String id;
    private final ReplayScript script;
    private int position;

    ReplayAgent(String id, ReplayScript script) {
        this.id = id;
        this.script = script;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("file", script.file(), "sha256", script.sha256(), "calls", Integer.toString(script.calls().size()));
    }

    @Override
    public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
        position++;
        String callId = "call_" + position;
        if (position > script.calls().size()) {
            return new Message.Assistant("", List.of(ToolCall.submit(callId, "")));
        }
        ToolCall call = switch (script.calls().get(position - 1)) {
            case ReplayCall.Bash bash -> ToolCall.bash(callId, bash.thoughts(), bash.cmd());
            case ReplayCall.Submit submit -> ToolCall.submit(callId, submit.answer());
        };
        return new Message.Assistant("", List.of(call));
    }
}
