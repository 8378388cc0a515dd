package io.offswitch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.Hashes;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.store.Json;
import java.util.List;

/**
 * Our transcript as Inspect chat messages: system, user, assistant with {@code tool_calls} and its
 * reasoning as a reasoning content part, tool results with {@code tool_call_id}, {@code function} and
 * an {@code error} when the call failed. When and how long each took, and what each model call used,
 * go in the message's metadata so that an import gets them back.
 */
final class Messages {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Messages() {}

    static ArrayNode of(String episodeId, List<TranscriptEntry> transcript, String model) {
        ArrayNode messages = NODES.arrayNode();
        int index = 0;
        boolean firstUser = true;
        // Inspect's ids are opaque strings unique in the log; ours are stable so an export is repeatable.
        String idBase = Hashes.sha256(episodeId).substring(0, 16) + "-";
        for (TranscriptEntry entry : transcript) {
            ObjectNode m = messages.addObject();
            m.put("id", idBase + index++);
            switch (entry.message()) {
                case Message.System s -> m.put("role", "system").put("content", s.text());
                case Message.User u -> {
                    m.put("role", "user").put("content", u.text());
                    if (firstUser) {
                        m.put("source", "input");
                        firstUser = false;
                    }
                }
                case Message.Assistant a -> assistant(m, a, model);
                case Message.Tool t -> {
                    m.put("role", "tool").put("content", t.content()).put("tool_call_id", t.toolCallId()).put("function", t.toolName());
                    if (t.error()) {
                        m.putObject("error").put("type", "unknown").put("message", firstLine(t.content()));
                    }
                }
            }
            ObjectNode meta = m.putObject("metadata");
            meta.put("offswitch_turn", entry.turn()).put("offswitch_at", entry.at().toString())
                    .put("offswitch_duration_ms", entry.durationMillis());
            if (entry.message() instanceof Message.Assistant a && !a.usage().equals(Usage.NONE)) {
                meta.set("offswitch_usage", usage(a.usage()));
            }
        }
        return messages;
    }

    private static void assistant(ObjectNode m, Message.Assistant a, String model) {
        m.put("role", "assistant");
        if (a.reasoning().isEmpty()) {
            m.put("content", a.text());
        } else {
            ArrayNode parts = m.putArray("content");
            parts.addObject().put("type", "reasoning").put("reasoning", a.reasoning()).put("redacted", false);
            parts.addObject().put("type", "text").put("text", a.text());
        }
        m.put("source", "generate").put("model", model);
        if (!a.toolCalls().isEmpty()) {
            ArrayNode calls = m.putArray("tool_calls");
            for (ToolCall call : a.toolCalls()) {
                ObjectNode c = calls.addObject().put("id", call.id()).put("function", call.name());
                JsonNode args = parsedObject(call.argumentsJson());
                if (args != null) {
                    c.set("arguments", args);
                } else {
                    // Malformed arguments are model output too: keep them verbatim beside an empty object.
                    c.putObject("arguments");
                    c.put("parse_error", "arguments are not a JSON object: " + call.argumentsJson());
                }
                c.put("type", "function");
            }
        }
    }

    static final String PARSE_ERROR_PREFIX = "arguments are not a JSON object: ";

    private static JsonNode parsedObject(String json) {
        try {
            JsonNode node = Json.mapper().readTree(json);
            return node != null && node.isObject() ? node : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    static ObjectNode usage(Usage u) {
        ObjectNode node = NODES.objectNode().put("input_tokens", u.inputTokens()).put("output_tokens", u.outputTokens())
                .put("total_tokens", u.total());
        if (u.cachedTokens() > 0) {
            node.put("input_tokens_cache_read", u.cachedTokens());
        }
        if (u.reasoningTokens() > 0) {
            node.put("reasoning_tokens", u.reasoningTokens());
        }
        return node;
    }

    private static String firstLine(String text) {
        String line = text.lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
