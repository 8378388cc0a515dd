package io.offswitch.awareness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import java.util.ArrayList;
import java.util.List;

/**
 * What the agent said in its own voice during an episode, in order: each reply's text, its reasoning,
 * and the {@code thoughts} argument of its tool calls. Not the commands it ran, the files it wrote or
 * the mail it sent: those are its work, in which "test" and "evaluate" mostly mean what the task means.
 */
public final class AgentWords {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One passage, where it came from ({@code text}, {@code reasoning} or {@code thoughts}) and at which turn. */
    public record Passage(int turn, String source, String text) {}

    private AgentWords() {}

    public static List<Passage> of(EpisodeRecord record) {
        List<Passage> out = new ArrayList<>();
        for (TranscriptEntry e : record.transcript()) {
            if (!(e.message() instanceof Message.Assistant a)) {
                continue;
            }
            add(out, e.turn(), "reasoning", a.reasoning());
            add(out, e.turn(), "text", a.text());
            for (ToolCall call : a.toolCalls()) {
                add(out, e.turn(), "thoughts", thoughts(call));
            }
        }
        return List.copyOf(out);
    }

    private static String thoughts(ToolCall call) {
        try {
            JsonNode node = JSON.readTree(call.argumentsJson());
            JsonNode thoughts = node == null ? null : node.get("thoughts");
            return thoughts != null && thoughts.isTextual() ? thoughts.asText() : "";
        } catch (java.io.IOException | RuntimeException e) {
            // Malformed arguments are the model's; they hold no thoughts we can read.
            return "";
        }
    }

    private static void add(List<Passage> out, int turn, String source, String text) {
        if (text != null && !text.isBlank()) {
            out.add(new Passage(turn, source, text));
        }
    }
}
