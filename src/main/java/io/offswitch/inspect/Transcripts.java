package io.offswitch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Inspect chat messages back into our transcript, checking each as it goes: a message that is not an
 * object, has no known role, or has content that is neither text nor content parts fails the import
 * with its position. Reads the older shapes too: {@code tool_error} as a string, arguments as a JSON
 * string, and {@code attachment://} references resolved from the sample's attachments.
 */
final class Transcripts {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private static final String ATTACHMENT = "attachment://";

    private Transcripts() {}

    static List<TranscriptEntry> of(Path file, String member, JsonNode sample, Instant defaultTime, Usage sampleUsage) {
        JsonNode messages = sample.path("messages");
        if (!messages.isArray()) {
            throw new InspectLogException(file, member, "\"messages\" must be an array of chat messages, got "
                    + (messages.isMissingNode() ? "nothing" : messages.getNodeType().toString()));
        }
        JsonNode attachments = sample.path("attachments");
        boolean usageFromMessages = false;
        for (JsonNode m : messages) {
            usageFromMessages |= m.path("metadata").has("offswitch_usage");
        }
        List<TranscriptEntry> out = new ArrayList<>(messages.size());
        int turn = 0;
        boolean sampleUsagePlaced = usageFromMessages || sampleUsage.equals(Usage.NONE);
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String where = "messages[" + i + "]";
            if (!m.isObject()) {
                throw new InspectLogException(file, member, where + " must be an object, got " + m.getNodeType());
            }
            String role = m.path("role").asText("");
            if (!ROLES.contains(role)) {
                throw new InspectLogException(file, member, where + ".role is " + (m.has("role") ? "'" + m.path("role").asText() + "'" : "missing")
                        + ", not system, user, assistant or tool");
            }
            if (role.equals("assistant")) {
                turn++;
            }
            JsonNode meta = m.path("metadata");
            int entryTurn = meta.path("offswitch_turn").canConvertToInt() ? meta.path("offswitch_turn").asInt() : turn;
            Instant at = InspectTime.parse(meta.path("offswitch_at").asText(null)).orElse(defaultTime);
            long duration = meta.path("offswitch_duration_ms").asLong(0);
            Message message = switch (role) {
                case "system" -> new Message.System(text(file, member, where, m.path("content"), attachments));
                case "user" -> new Message.User(text(file, member, where, m.path("content"), attachments));
                case "tool" -> tool(file, member, where, m, attachments);
                default -> {
                    Usage usage = meta.has("offswitch_usage") ? usage(meta.path("offswitch_usage")) : Usage.NONE;
                    if (!sampleUsagePlaced) {
                        // Inspect keeps usage per sample, not per message: it goes on the first model turn.
                        usage = sampleUsage;
                        sampleUsagePlaced = true;
                    }
                    yield assistant(file, member, where, m, attachments, usage);
                }
            };
            out.add(new TranscriptEntry(entryTurn, at, duration, message));
        }
        return out;
    }

    private static Message.Assistant assistant(Path file, String member, String where, JsonNode m, JsonNode attachments, Usage usage) {
        JsonNode content = m.path("content");
        StringBuilder reasoning = new StringBuilder();
        String text;
        if (content.isArray()) {
            StringBuilder t = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("reasoning")) {
                    append(reasoning, part.path("redacted").asBoolean(false) ? "[redacted reasoning]" : resolve(part.path("reasoning").asText(""), attachments));
                } else {
                    append(t, partText(part, attachments));
                }
            }
            text = t.toString();
        } else {
            text = text(file, member, where, content, attachments);
        }
        List<ToolCall> calls = new ArrayList<>();
        JsonNode toolCalls = m.path("tool_calls");
        if (!toolCalls.isMissingNode() && !toolCalls.isNull()) {
            if (!toolCalls.isArray()) {
                throw new InspectLogException(file, member, where + ".tool_calls must be an array");
            }
            for (int j = 0; j < toolCalls.size(); j++) {
                JsonNode c = toolCalls.get(j);
                if (!c.path("id").isTextual() || !c.path("function").isTextual()) {
                    throw new InspectLogException(file, member, where + ".tool_calls[" + j + "] needs a string id and function");
                }
                calls.add(new ToolCall(c.path("id").asText(), c.path("function").asText(), arguments(c)));
            }
        }
        return new Message.Assistant(text, calls, reasoning.toString(), usage, "");
    }

    private static String arguments(JsonNode call) {
        String parseError = call.path("parse_error").asText("");
        if (parseError.startsWith(Messages.PARSE_ERROR_PREFIX)) {
            return parseError.substring(Messages.PARSE_ERROR_PREFIX.length());
        }
        JsonNode args = call.path("arguments");
        // Older logs carry the arguments as a JSON string.
        return args.isTextual() ? args.asText() : args.isMissingNode() ? "{}" : args.toString();
    }

    private static Message.Tool tool(Path file, String member, String where, JsonNode m, JsonNode attachments) {
        String content = text(file, member, where, m.path("content"), attachments);
        JsonNode error = m.path("error");
        boolean failed = (error.isObject() || error.isTextual()) || m.path("tool_error").isTextual();
        return new Message.Tool(m.path("tool_call_id").asText(""), m.path("function").asText(""), content, failed);
    }

    private static String text(Path file, String member, String where, JsonNode content, JsonNode attachments) {
        if (content.isTextual()) {
            return resolve(content.asText(), attachments);
        }
        if (content.isArray()) {
            StringBuilder t = new StringBuilder();
            content.forEach(part -> append(t, partText(part, attachments)));
            return t.toString();
        }
        if (content.isMissingNode() || content.isNull()) {
            throw new InspectLogException(file, member, where + " has no content");
        }
        throw new InspectLogException(file, member, where + ".content must be text or a list of content parts, got " + content.getNodeType());
    }

    private static String partText(JsonNode part, JsonNode attachments) {
        String type = part.path("type").asText("");
        return switch (type) {
            case "text" -> resolve(part.path("text").asText(""), attachments);
            case "reasoning" -> "";
            case "" -> part.isTextual() ? part.asText() : "";
            default -> "[" + type + "]";
        };
    }

    private static String resolve(String text, JsonNode attachments) {
        if (text.startsWith(ATTACHMENT) && attachments.isObject()) {
            JsonNode value = attachments.path(text.substring(ATTACHMENT.length()));
            if (value.isTextual()) {
                return value.asText();
            }
        }
        return text;
    }

    private static void append(StringBuilder sb, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!sb.isEmpty()) {
            sb.append('\n');
        }
        sb.append(text);
    }

    static Usage usage(JsonNode u) {
        long input = u.path("input_tokens").asLong(0);
        long output = u.path("output_tokens").asLong(0);
        return new Usage(input, output, u.path("reasoning_tokens").asLong(0), u.path("input_tokens_cache_read").asLong(0));
    }
}
