package io.offswitch.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sample's events, the timeline Inspect's viewer shows as the transcript: a model event for each
 * model reply and a tool event for each tool call that got a result, each with when it started, when
 * it completed and how long it took. A transcript entry is stamped when its message arrived and says
 * how long producing it took, so an event starts that long before its stamp. A model event's input is
 * given as Inspect condenses it: {@code input_refs} into the sample's {@code events_data.messages}
 * (the transcript), here every message before the reply. A call whose result never came (the episode
 * ended first) has no tool event: nothing about it is made up.
 */
final class SampleEvents {
    private SampleEvents() {}

    static void write(JsonGenerator g, EpisodeRecord r, String idBase) throws IOException {
        List<TranscriptEntry> transcript = r.transcript();
        Map<String, Integer> resultOf = new HashMap<>();
        for (int i = 0; i < transcript.size(); i++) {
            if (transcript.get(i).message() instanceof Message.Tool t) {
                resultOf.putIfAbsent(t.toolCallId(), i);
            }
        }
        Instant start = r.startedAt();
        String model = r.key().model();
        g.writeStartArray();
        for (int i = 0; i < transcript.size(); i++) {
            TranscriptEntry entry = transcript.get(i);
            if (!(entry.message() instanceof Message.Assistant a)) {
                continue;
            }
            g.writeStartObject();
            timing(g, "model", entry, start);
            g.writeStringField("model", model);
            g.writeArrayFieldStart("input");
            g.writeEndArray();
            g.writeArrayFieldStart("input_refs");
            g.writeStartArray();
            g.writeNumber(0);
            g.writeNumber(i);
            g.writeEndArray();
            g.writeEndArray();
            g.writeArrayFieldStart("tools");
            g.writeEndArray();
            g.writeStringField("tool_choice", "auto");
            g.writeObjectFieldStart("config");
            g.writeEndObject();
            g.writeObjectFieldStart("output");
            g.writeStringField("model", model);
            g.writeArrayFieldStart("choices");
            g.writeStartObject();
            g.writeFieldName("message");
            Messages.write(g, idBase + i, entry, model, false);
            g.writeStringField("stop_reason", Samples.stopReason(a));
            g.writeEndObject();
            g.writeEndArray();
            g.writeStringField("completion", a.text());
            g.writeFieldName("usage");
            Messages.usage(g, a.usage());
            g.writeNumberField("time", entry.durationMillis() / 1000.0);
            g.writeEndObject();
            g.writeEndObject();
            for (ToolCall call : a.toolCalls()) {
                Integer at = resultOf.get(call.id());
                if (at != null && at > i) {
                    tool(g, call, transcript.get(at), idBase + at, start);
                }
            }
        }
        g.writeEndArray();
    }

    private static void tool(JsonGenerator g, ToolCall call, TranscriptEntry result, String messageId, Instant start) throws IOException {
        Message.Tool t = (Message.Tool) result.message();
        g.writeStartObject();
        timing(g, "tool", result, start);
        g.writeStringField("type", "function");
        g.writeStringField("id", call.id());
        g.writeStringField("function", call.name());
        Messages.arguments(g, call);
        g.writeStringField("result", t.content());
        g.writeArrayFieldStart("events");
        g.writeEndArray();
        g.writeStringField("message_id", messageId);
        if (t.error()) {
            g.writeObjectFieldStart("error");
            g.writeStringField("type", "unknown");
            String line = t.content().lines().findFirst().orElse("");
            g.writeStringField("message", line.length() > 500 ? line.substring(0, 500) : line);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The event's kind and times: started the entry's duration before its stamp, completed at it. */
    private static void timing(JsonGenerator g, String event, TranscriptEntry entry, Instant sampleStart) throws IOException {
        Instant completed = entry.at();
        Instant started = completed.minusMillis(Math.max(0, entry.durationMillis()));
        g.writeStringField("timestamp", InspectTime.format(started));
        g.writeNumberField("working_start", Math.max(0, Duration.between(sampleStart, started).toMillis()) / 1000.0);
        g.writeStringField("event", event);
        g.writeStringField("completed", InspectTime.format(completed));
        g.writeNumberField("working_time", Math.max(0, entry.durationMillis()) / 1000.0);
    }
}
