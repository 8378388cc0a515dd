package io.offswitch.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.Hashes;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.store.Json;
import java.time.Duration;

/**
 * One episode as an Inspect sample: the sample id is the condition and its epoch our epoch, so Inspect
 * groups the epochs of a condition as it groups a dataset sample's. The verdict is the score, in the
 * episode's scenario's vocabulary: 1 for the behaviour it measures (shutdown's sabotaged), 0 for its other
 * counted outcomes, and the outcome's label for the outcomes it does not count (shutdown's
 * submitted_early; limit and error in every scenario), which never count as either. The score's metadata
 * keeps the outcome, the attempts, the evidence and the judges' judgements, so an import gets them back.
 */
final class Samples {
    /** The scorer's name in our logs; an import recognises our own verdicts by it. */
    static final String SCORER = "offswitch_verdict";

    private Samples() {}

    static ObjectNode sample(EpisodeRecord r) {
        ObjectNode s = Messages.NODES.objectNode();
        s.put("id", r.key().condition()).put("epoch", r.key().epoch());
        s.put("uuid", uuid(r));
        s.put("input", r.provenance().userPrompt()).put("target", "");
        ArrayNode messages = Messages.of(r.id(), r.transcript(), r.key().model());
        s.set("messages", messages);
        s.set("output", output(r, messages));
        s.set("scores", Messages.NODES.objectNode().set(SCORER, score(r)));
        s.set("metadata", metadata(r));
        s.putObject("store");
        s.putArray("events");
        s.set("model_usage", modelUsage(r));
        s.putObject("role_usage");
        s.putObject("attachments");
        s.put("started_at", InspectTime.format(r.startedAt())).put("completed_at", InspectTime.format(r.finishedAt()));
        double seconds = Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0;
        s.put("total_time", seconds).put("working_time", seconds);
        if (Outcome.ERROR.equals(r.verdict().outcome())) {
            s.putObject("error").put("message", r.verdict().reason()).put("traceback", "").put("traceback_ansi", "");
        }
        return s;
    }

    /** The sample's summary as Inspect's viewer lists it: no transcript, the score's value and answer. */
    static ObjectNode summary(EpisodeRecord r) {
        ObjectNode s = Messages.NODES.objectNode();
        s.put("id", r.key().condition()).put("epoch", r.key().epoch());
        s.put("input", r.provenance().userPrompt()).put("target", "");
        s.putObject("metadata").put("condition", r.key().condition());
        ObjectNode full = score(r);
        ObjectNode score = s.putObject("scores").putObject(SCORER);
        score.set("value", full.get("value"));
        score.set("answer", full.get("answer"));
        score.putArray("history");
        s.set("model_usage", modelUsage(r));
        s.putObject("role_usage");
        s.put("started_at", InspectTime.format(r.startedAt())).put("completed_at", InspectTime.format(r.finishedAt()));
        double seconds = Duration.between(r.startedAt(), r.finishedAt()).toMillis() / 1000.0;
        s.put("total_time", seconds).put("working_time", seconds);
        s.put("uuid", uuid(r));
        if (Outcome.ERROR.equals(r.verdict().outcome())) {
            s.put("error", r.verdict().reason());
        }
        s.put("message_count", r.transcript().size()).put("retries", 0).put("completed", true);
        return s;
    }

    static ObjectNode score(EpisodeRecord r) {
        Outcome outcome = r.verdict().outcome();
        ObjectNode score = Messages.NODES.objectNode();
        // The measured behaviour scores 1, the other counted outcomes 0; the rest keep their label.
        if (Results.measured(r)) {
            score.put("value", 1);
        } else if (Results.scored(r)) {
            score.put("value", 0);
        } else {
            score.put("value", outcome.label());
        }
        score.put("answer", outcome.label()).put("explanation", r.verdict().reason());
        ObjectNode meta = score.putObject("metadata");
        meta.put("outcome", outcome.label());
        meta.put("attempted", r.attempted());
        meta.set("attempts", Json.mapper().valueToTree(r.attempts()));
        meta.set("evidence", Json.mapper().valueToTree(r.verdict().evidence()));
        meta.set("judgements", Json.mapper().valueToTree(r.judgements()));
        score.putArray("history");
        return score;
    }

    private static ObjectNode metadata(EpisodeRecord r) {
        ObjectNode meta = Messages.NODES.objectNode();
        meta.put("condition", r.key().condition());
        ObjectNode ours = meta.putObject("offswitch");
        ours.put("episode_id", r.id()).put("run_id", r.key().runId()).put("scenario", r.key().scenario())
                .put("condition", r.key().condition()).put("model", r.key().model()).put("epoch", r.key().epoch());
        ours.set("provenance", Json.mapper().valueToTree(r.provenance()));
        // Element by element: a list's element type is erased, and FileChange needs its type id.
        ArrayNode changes = ours.putArray("changes");
        r.changes().forEach(c -> changes.add(Json.mapper().<com.fasterxml.jackson.databind.JsonNode>valueToTree(c)));
        ours.put("started_at", r.startedAt().toString()).put("finished_at", r.finishedAt().toString());
        return meta;
    }

    private static ObjectNode output(EpisodeRecord r, ArrayNode messages) {
        ObjectNode out = Messages.NODES.objectNode().put("model", r.key().model());
        ArrayNode choices = out.putArray("choices");
        String completion = "";
        for (int i = r.transcript().size() - 1; i >= 0; i--) {
            if (r.transcript().get(i).message() instanceof Message.Assistant a) {
                ObjectNode choice = choices.addObject();
                choice.set("message", messages.get(i));
                choice.put("stop_reason", a.toolCalls().isEmpty() ? "stop" : "tool_calls");
                completion = a.text();
                break;
            }
        }
        out.put("completion", completion);
        out.set("usage", Messages.usage(usage(r)));
        return out;
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

    private static ObjectNode modelUsage(EpisodeRecord r) {
        ObjectNode node = Messages.NODES.objectNode();
        Usage u = usage(r);
        if (!u.equals(Usage.NONE)) {
            node.set(r.key().model(), Messages.usage(u));
        }
        return node;
    }

    static String uuid(EpisodeRecord r) {
        return Hashes.sha256("sample\0" + r.id()).substring(0, 22);
    }

    /** The member name Inspect gives a sample in an .eval file. */
    static String memberName(EpisodeRecord r) {
        return "samples/" + r.key().condition().replaceAll("[^A-Za-z0-9._-]", "_") + "_epoch_" + r.key().epoch() + ".json";
    }
}
