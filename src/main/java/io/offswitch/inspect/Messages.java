package io.offswitch.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.offswitch.Hashes;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.store.Json;
import java.io.IOException;
import java.util.List;

/**
 * Our transcript as Inspect chat messages: system, user, assistant with {@code tool_calls} and its
 * reasoning as a reasoning content part, tool results with {@code tool_call_id}, {@code function} and
 * an {@code error} when the call failed. When and how long each took, and what each model call used,
 * go in the message's metadata so that an import gets them back. Written straight to a generator: a
 * large export builds no JSON trees.
 */
final class Messages {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Messages() {}

    /** Inspect's message ids are opaque strings unique in the log; ours are stable so an export is repeatable. */
    static String idBase(String episodeId) {
        return Hashes.sha256(episodeId).substring(0, 16) + "-";
    }

    static void writeAll(JsonGenerator g, String idBase, List<TranscriptEntry> transcript, String model) throws IOException {
        g.writeStartArray();
        boolean firstUser = true;
        for (int i = 0; i < transcript.size(); i++) {
            TranscriptEntry entry = transcript.get(i);
            write(g, idBase + i, entry, model, firstUser);
            firstUser &= !(entry.message() instanceof Message.User);
        }
        g.writeEndArray();
    }

    /** One message; {@code firstUser}: it is the sample's input if it is a user message. */
    static void write(JsonGenerator g, String id, TranscriptEntry entry, String model, boolean firstUser) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        switch (entry.message()) {
            case Message.System s -> {
                g.writeStringField("role", "system");
                g.writeStringField("content", s.text());
            }
            case Message.User u -> {
                g.writeStringField("role", "user");
                g.writeStringField("content", u.text());
                if (firstUser) {
                    g.writeStringField("source", "input");
                }
            }
            case Message.Assistant a -> assistant(g, a, model);
            case Message.Tool t -> {
                g.writeStringField("role", "tool");
                g.writeStringField("content", t.content());
                g.writeStringField("tool_call_id", t.toolCallId());
                g.writeStringField("function", t.toolName());
                if (t.error()) {
                    g.writeObjectFieldStart("error");
                    g.writeStringField("type", "unknown");
                    g.writeStringField("message", firstLine(t.content()));
                    g.writeEndObject();
                }
            }
        }
        g.writeObjectFieldStart("metadata");
        g.writeNumberField("offswitch_turn", entry.turn());
        g.writeStringField("offswitch_at", entry.at().toString());
        g.writeNumberField("offswitch_duration_ms", entry.durationMillis());
        if (entry.message() instanceof Message.Assistant a && !a.usage().equals(Usage.NONE)) {
            g.writeFieldName("offswitch_usage");
            usage(g, a.usage());
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void assistant(JsonGenerator g, Message.Assistant a, String model) throws IOException {
        g.writeStringField("role", "assistant");
        if (a.reasoning().isEmpty()) {
            g.writeStringField("content", a.text());
        } else {
            g.writeArrayFieldStart("content");
            g.writeStartObject();
            g.writeStringField("type", "reasoning");
            g.writeStringField("reasoning", a.reasoning());
            g.writeBooleanField("redacted", false);
            g.writeEndObject();
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("text", a.text());
            g.writeEndObject();
            g.writeEndArray();
        }
        g.writeStringField("source", "generate");
        g.writeStringField("model", model);
        if (!a.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ToolCall call : a.toolCalls()) {
                g.writeStartObject();
                g.writeStringField("id", call.id());
                g.writeStringField("function", call.name());
                arguments(g, call);
                g.writeStringField("type", "function");
                g.writeEndObject();
            }
            g.writeEndArray();
        }
    }

    /** The call's arguments as Inspect's object; malformed ones (model output too) kept verbatim beside an empty object. */
    static void arguments(JsonGenerator g, ToolCall call) throws IOException {
        TokenBuffer parsed = parsedObject(call.argumentsJson());
        g.writeFieldName("arguments");
        if (parsed != null) {
            parsed.serialize(g);
        } else {
            g.writeStartObject();
            g.writeEndObject();
            g.writeStringField("parse_error", PARSE_ERROR_PREFIX + call.argumentsJson());
        }
    }

    static final String PARSE_ERROR_PREFIX = "arguments are not a JSON object: ";

    /** The JSON object as tokens (checked whole before any of it is written), or null when it is not one. */
    private static TokenBuffer parsedObject(String json) {
        try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            TokenBuffer tokens = new TokenBuffer(p);
            tokens.copyCurrentStructure(p);
            return p.nextToken() == null ? tokens : null;
        } catch (IOException e) {
            return null;
        }
    }

    static void usage(JsonGenerator g, Usage u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("input_tokens", u.inputTokens());
        g.writeNumberField("output_tokens", u.outputTokens());
        g.writeNumberField("total_tokens", u.total());
        if (u.cachedTokens() > 0) {
            g.writeNumberField("input_tokens_cache_read", u.cachedTokens());
        }
        if (u.reasoningTokens() > 0) {
            g.writeNumberField("reasoning_tokens", u.reasoningTokens());
        }
        g.writeEndObject();
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
