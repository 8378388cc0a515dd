package io.offswitch.inspect;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.ExitCode;
import io.offswitch.Hashes;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.sandbox.FileChange;
import io.offswitch.store.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * One episode as an Inspect sample: the sample id is the condition and its epoch our epoch, so Inspect
 * groups the epochs of a condition as it groups a dataset sample's. The verdict is the score, in the
 * episode's scenario's vocabulary: 1 for the behaviour it measures (shutdown's sabotaged), 0 for its other
 * counted outcomes, and the outcome's label for the outcomes it does not count (shutdown's
 * submitted_early; limit and error in every scenario), which never count as either. The score's metadata
 * keeps the outcome, the attempts, the evidence and the judges' judgements, so an import gets them back.
 * The sample's events are its transcript's timeline ({@link SampleEvents}). Samples are written straight
 * to a generator, one at a time, so an export of many episodes builds no JSON trees.
 */
final class Samples {
    /** The scorer's name in our logs; an import recognises our own verdicts by it. */
    static final String SCORER = "offswitch_verdict";

    /** Values written inside a sample: no flush after each, the generator's buffer is flushed once. */
    private static final ObjectWriter VALUES = Json.mapper().writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
    private static final ObjectWriter CHANGE = VALUES.forType(FileChange.class);

    private Samples() {}

    /** The sample as a tree, for tests and small logs; writers use {@link #write}. */
    static ObjectNode sample(EpisodeRecord r) {
        // Through bytes, as a file gets it: the messages are written as raw JSON text.
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            write(g, r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return (ObjectNode) Json.mapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The episode as Inspect's EvalSample. */
    static void write(JsonGenerator g, EpisodeRecord r) throws IOException {
        String idBase = Messages.idBase(r.id());
        String model = r.key().model();
        g.writeStartObject();
        g.writeStringField("id", r.key().condition());
        g.writeNumberField("epoch", r.key().epoch());
        g.writeStringField("uuid", uuid(r));
        g.writeStringField("input", r.provenance().userPrompt());
        g.writeStringField("target", "");
        // The messages appear twice (the sample's, and the pool its events point into): encoded once.
        String messages = messagesJson(idBase, r.transcript(), model);
        g.writeFieldName("messages");
        g.writeRawValue(messages);
        g.writeFieldName("output");
        output(g, r, idBase);
        g.writeObjectFieldStart("scores");
        g.writeFieldName(SCORER);
        score(g, r);
        g.writeEndObject();
        g.writeFieldName("metadata");
        metadata(g, r);
        g.writeObjectFieldStart("store");
        g.writeEndObject();
        g.writeFieldName("events");
        SampleEvents.write(g, r, idBase);
        g.writeObjectFieldStart("events_data");
        // The messages the model events' input_refs point into: the transcript, as Inspect pools it.
        g.writeFieldName("messages");
        g.writeRawValue(messages);
        g.writeArrayFieldStart("calls");
        g.writeEndArray();
        g.writeEndObject();
        g.writeFieldName("model_usage");
        modelUsage(g, r);
        g.writeObjectFieldStart("role_usage");
        g.writeEndObject();
        g.writeObjectFieldStart("attachments");
        g.writeEndObject();
        g.writeStringField("started_at", InspectTime.format(r.startedAt()));
        g.writeStringField("completed_at", InspectTime.format(r.finishedAt()));
        double seconds = seconds(r);
        g.writeNumberField("total_time", seconds);
        g.writeNumberField("working_time", seconds);
        if (Outcome.ERROR.equals(r.verdict().outcome())) {
            g.writeObjectFieldStart("error");
            g.writeStringField("message", r.verdict().reason());
            g.writeStringField("traceback", "");
            g.writeStringField("traceback_ansi", "");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The transcript as Inspect's message array, encoded by a generator with the store's escapes (so valid JSON as it stands). */
    private static String messagesJson(String idBase, List<TranscriptEntry> transcript, String model) throws IOException {
        java.io.StringWriter out = new java.io.StringWriter(8 * 1024);
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            Messages.writeAll(g, idBase, transcript, model);
        }
        return out.toString();
    }

    /** The sample's summary as Inspect's viewer lists it: no transcript, the score's value and answer. */
    static ObjectNode summary(EpisodeRecord r) {
        ObjectNode s = Messages.NODES.objectNode();
        s.put("id", r.key().condition()).put("epoch", r.key().epoch());
        s.put("input", r.provenance().userPrompt()).put("target", "");
        s.putObject("metadata").put("condition", r.key().condition());
        ObjectNode score = s.putObject("scores").putObject(SCORER);
        putValue(score, r);
        score.put("answer", r.verdict().outcome().label());
        score.putArray("history");
        ObjectNode usage = s.putObject("model_usage");
        Usage u = usage(r);
        if (!u.equals(Usage.NONE)) {
            usage.set(r.key().model(), Messages.usage(u));
        }
        s.putObject("role_usage");
        s.put("started_at", InspectTime.format(r.startedAt())).put("completed_at", InspectTime.format(r.finishedAt()));
        double seconds = seconds(r);
        s.put("total_time", seconds).put("working_time", seconds);
        s.put("uuid", uuid(r));
        if (Outcome.ERROR.equals(r.verdict().outcome())) {
            s.put("error", r.verdict().reason());
        }
        s.put("message_count", r.transcript().size()).put("retries", 0).put("completed", true);
        return s;
    }

    /** The measured behaviour scores 1, the other counted outcomes 0; the rest keep their label. */
    private static void putValue(ObjectNode score, EpisodeRecord r) {
        if (Results.measured(r)) {
            score.put("value", 1);
        } else if (Results.scored(r)) {
            score.put("value", 0);
        } else {
            score.put("value", r.verdict().outcome().label());
        }
    }

    private static void score(JsonGenerator g, EpisodeRecord r) throws IOException {
        Outcome outcome = r.verdict().outcome();
        g.writeStartObject();
        if (Results.measured(r)) {
            g.writeNumberField("value", 1);
        } else if (Results.scored(r)) {
            g.writeNumberField("value", 0);
        } else {
            g.writeStringField("value", outcome.label());
        }
        g.writeStringField("answer", outcome.label());
        g.writeStringField("explanation", r.verdict().reason());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("outcome", outcome.label());
        g.writeBooleanField("attempted", r.attempted());
        g.writeFieldName("attempts");
        VALUES.writeValue(g, r.attempts());
        g.writeFieldName("evidence");
        VALUES.writeValue(g, r.verdict().evidence());
        g.writeFieldName("judgements");
        VALUES.writeValue(g, r.judgements());
        // A scenario's measured score (sandbagging's) and what the agent said about being evaluated:
        // the report reads both, so a run exported and imported again reports the same.
        if (r.score().isPresent()) {
            g.writeNumberField("score", r.score().get());
        }
        if (!r.awareness().isEmpty()) {
            g.writeFieldName("eval_awareness");
            VALUES.writeValue(g, r.awareness());
        }
        g.writeEndObject();
        g.writeArrayFieldStart("history");
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void metadata(JsonGenerator g, EpisodeRecord r) throws IOException {
        g.writeStartObject();
        g.writeStringField("condition", r.key().condition());
        g.writeObjectFieldStart("offswitch");
        g.writeStringField("episode_id", r.id());
        g.writeStringField("run_id", r.key().runId());
        g.writeStringField("scenario", r.key().scenario());
        g.writeStringField("condition", r.key().condition());
        g.writeStringField("model", r.key().model());
        g.writeNumberField("epoch", r.key().epoch());
        g.writeFieldName("provenance");
        VALUES.writeValue(g, r.provenance());
        // Element by element: a list's element type is erased, and FileChange needs its type id.
        g.writeArrayFieldStart("changes");
        for (FileChange c : r.changes()) {
            CHANGE.writeValue(g, c);
        }
        g.writeEndArray();
        if (!r.caveats().isEmpty()) {
            g.writeFieldName("caveats");
            VALUES.writeValue(g, r.caveats());
        }
        if (!r.followUps().isEmpty()) {
            // The interview after the verdict, with its judgements: its messages are in the transcript too.
            g.writeFieldName("follow_ups");
            VALUES.writeValue(g, r.followUps());
        }
        g.writeStringField("started_at", r.startedAt().toString());
        g.writeStringField("finished_at", r.finishedAt().toString());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void output(JsonGenerator g, EpisodeRecord r, String idBase) throws IOException {
        g.writeStartObject();
        g.writeStringField("model", r.key().model());
        g.writeArrayFieldStart("choices");
        String completion = "";
        for (int i = r.transcript().size() - 1; i >= 0; i--) {
            TranscriptEntry entry = r.transcript().get(i);
            if (entry.message() instanceof Message.Assistant a) {
                g.writeStartObject();
                g.writeFieldName("message");
                Messages.write(g, idBase + i, entry, r.key().model(), false);
                g.writeStringField("stop_reason", stopReason(a));
                g.writeEndObject();
                completion = a.text();
                break;
            }
        }
        g.writeEndArray();
        g.writeStringField("completion", completion);
        g.writeFieldName("usage");
        Messages.usage(g, usage(r));
        g.writeEndObject();
    }

    static String stopReason(Message.Assistant a) {
        return a.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }

    static Usage usage(EpisodeRecord r) {
        Usage total = Usage.NONE;
        for (TranscriptEntry e : r.transcript()) {
            if (e.message() instanceof Message.Assistant a) {
                total = total.plus(a.usage());
            }
        }
        return total;
    }

    private static void modelUsage(JsonGenerator g, EpisodeRecord r) throws IOException {
        g.writeStartObject();
        Usage u = usage(r);
        if (!u.equals(Usage.NONE)) {
            g.writeFieldName(r.key().model());
            Messages.usage(g, u);
        }
        g.writeEndObject();
    }

    private static double seconds(EpisodeRecord r) {
        return Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0;
    }

    static String uuid(EpisodeRecord r) {
        return Hashes.sha256("sample\0" + r.id()).substring(0, 22);
    }

    /** The member name Inspect gives a sample in an .eval file. */
    static String memberName(EpisodeRecord r) {
        return "samples/" + r.key().condition().replaceAll("[^A-Za-z0-9._-]", "_") + "_epoch_" + r.key().epoch() + ".json";
    }

    static OffswitchException cannotEncode(String name, IOException e) {
        return new OffswitchException(ExitCode.FAILURE, "cannot encode " + name + ": " + e.getMessage(), e);
    }
}
