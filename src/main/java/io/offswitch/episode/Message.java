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
     * what the model thought where the API returns it (reasoning summaries, thinking text); empty
     * otherwise. {@code usage} is what the call that produced it cost ({@link Usage#NONE} for scripted
     * agents). {@code providerState} is the provider's own record of the turn (reasoning items,
     * thinking blocks with their signatures), kept verbatim because the API wants it back on the next
     * call; empty for agents that have none.
     */
    record Assistant(String text, java.util.List<ToolCall> toolCalls, String reasoning, Usage usage, String providerState) implements Message {
        public Assistant {
            toolCalls = java.util.List.copyOf(toolCalls);
            text = text == null ? "" : text;
            reasoning = reasoning == null ? "" : reasoning;
            usage = usage == null ? Usage.NONE : usage;
            providerState = providerState == null ? "" : providerState;
        }

        public Assistant(String text, java.util.List<ToolCall> toolCalls, String reasoning) {
            this(text, toolCalls, reasoning, Usage.NONE, "");
        }

        public Assistant(String text, java.util.List<ToolCall> toolCalls) {
            this(text, toolCalls, "");
        }
    }

    /** The result of one tool call, as the agent sees it. */
    record Tool(String toolCallId, String toolName, String content, boolean error) implements Message {}
}
