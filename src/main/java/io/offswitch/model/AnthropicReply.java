package io.offswitch.model;

import com.anthropic.core.JsonValue;
import com.anthropic.core.ObjectMappers;
import com.anthropic.models.messages.ContentBlock;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Messages API reply as our assistant message: text blocks joined, tool_use blocks as tool calls,
 * thinking text as reasoning, and every content block (thinking and redacted_thinking with their
 * signatures included) kept as provider state, because the API wants them back unchanged on the next
 * tool turn.
 */
final class AnthropicReply {
    private AnthropicReply() {}

    static Message.Assistant translate(com.anthropic.models.messages.Message reply) throws JsonProcessingException {
        List<ContentBlock> content = reply.content();
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : content) {
            if (block.isText()) {
                append(text, block.asText().text());
            } else if (block.isThinking()) {
                append(reasoning, block.asThinking().thinking());
            } else if (block.isToolUse()) {
                var use = block.asToolUse();
                calls.add(new ToolCall(use.id(), use.name(), arguments(use._input())));
            }
            // redacted_thinking has no readable text; it travels in the provider state only.
        }
        String state = ObjectMappers.jsonMapper().writeValueAsString(content);
        return new Message.Assistant(text.toString(), calls, reasoning.toString(), usage(reply.usage()), state);
    }

    /**
     * The tool input as the arguments string. The API sends an object; should a gateway send the
     * model's raw text as a string instead, that text is kept as it is, so malformed arguments stay
     * visible in the transcript.
     */
    private static String arguments(JsonValue input) throws JsonProcessingException {
        // JsonValue extends the raw JsonField, so asString() comes back as a raw Optional.
        Optional<?> text = input.asString();
        if (text.isPresent() && text.get() instanceof String raw) {
            return raw;
        }
        return ObjectMappers.jsonMapper().writeValueAsString(input);
    }

    /**
     * Anthropic counts cache reads and cache writes apart from {@code input_tokens}; ours are all
     * input, with the cache reads also counted as cached (so prices apply the cached rate to them).
     * Thinking tokens are part of the output; they are reported apart only where the API says so.
     */
    static Usage usage(com.anthropic.models.messages.Usage u) {
        long cacheRead = u.cacheReadInputTokens().orElse(0L);
        long cacheWrite = u.cacheCreationInputTokens().orElse(0L);
        long thinking = u.outputTokensDetails().flatMap(d -> d._thinkingTokens().asKnown()).orElse(0L);
        return new Usage(u.inputTokens() + cacheRead + cacheWrite, u.outputTokens(), thinking, cacheRead);
    }

    private static void append(StringBuilder to, String part) {
        if (!to.isEmpty() && !part.isEmpty()) {
            to.append("\n\n");
        }
        to.append(part);
    }
}
