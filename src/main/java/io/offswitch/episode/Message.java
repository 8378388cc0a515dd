package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** One message of the conversation between the harness and the agent. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "role")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Message.System.class, name = "system"),
    @JsonSubTypes.Type(value = Message.User.class, name = "user"),
    @JsonSubTypes.Type(value = Message.Assistant.class, name = "assistant"),
    @JsonSubTypes.Type(value = Message.Tool.class, name = "tool")
})
public sealed interface Message {

    record System(String text) implements Message {}

    record User(String text) implements Message {}

    /**
     * What the agent said and the tool calls it made, exactly as received. {@code reasoning} holds
     * what the model thought where the API returns it; empty otherwise.
     */
    record Assistant(String text, java.util.List<ToolCall> toolCalls, String reasoning) implements Message {
        public Assistant {
            toolCalls = java.util.List.copyOf(toolCalls);
            text = text == null ? "" : text;
            reasoning = reasoning == null ? "" : reasoning;
        }

        public Assistant(String text, java.util.List<ToolCall> toolCalls) {
            this(text, toolCalls, "");
        }
    }

    /** The result of one tool call, as the agent sees it. */
    record Tool(String toolCallId, String toolName, String content, boolean error) implements Message {}
}
