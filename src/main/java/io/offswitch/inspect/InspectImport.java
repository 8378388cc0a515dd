package io.offswitch.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.Hashes;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.Caveat;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.FollowUp;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.FileChange;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.Json;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An Inspect log as a foreign run. Transcripts, models and scores are kept as the log gives them; the
 * run's plan says it is foreign and every episode's sandbox is {@link #FOREIGN_SANDBOX}, so its design
 * hash never equals one of ours and reports never pool it with our runs. A score offswitch wrote (our
 * scorer, with the outcome in its metadata) is read back as that outcome; any other score is kept as
 * evidence and the outcome is {@link Outcome#NOT_AVAILABLE}, because deciding it needs the environment.
 * A transcript whose tools match one of our scenarios' (shutdown's bash tool on {@code ./next_question},
 * blackmail's mail tools) is an episode of that scenario, with the attempts its
 * {@link io.offswitch.scenario.TranscriptReading reading} finds; its outcome stays not available.
 */
public final class InspectImport {
    /** The sandbox of every imported episode: none of ours. */
    public static final String FOREIGN_SANDBOX = "foreign:inspect";

    private InspectImport() {}

    public static ImportedRun of(ForeignLog log) {
        Path file = log.file();
        JsonNode header = log.header();
        JsonNode eval = header.path("eval");
        String task = eval.path("task").asText();
        String model = eval.path("model").asText();
        String evalId = eval.path("eval_id").asText(eval.path("task_id").asText("") + eval.path("created").asText(""));
        String runId = "inspect-" + Hashes.sha256("inspect\0" + evalId + "\0" + task + "\0" + model).substring(0, 12);
        Instant created = InspectTime.parse(eval.path("created").asText(null))
                .or(() -> InspectTime.parse(header.path("stats").path("started_at").asText(null))).orElse(Instant.EPOCH);
        String inspectVersion = eval.path("packages").path("inspect_ai").asText(eval.path("packages").path("offswitch").asText("unknown"));

        ObjectNode plan = Messages.NODES.objectNode();
        ObjectNode foreign = plan.putObject("foreign").put("format", "inspect").put("file", file.getFileName().toString())
                .put("eval_id", evalId).put("task", task).put("model", model).put("log_version", header.path("version").asInt(1))
                .put("writer", inspectVersion);
        foreign.set("results", header.path("results").isObject() ? header.path("results") : Messages.NODES.nullNode());
        // Samples are independent: converted on every core, kept in the file's order.
        List<EpisodeRecord> episodes = log.samples().parallelStream()
                .map(member -> episode(file, member, header, runId, task, model, evalId, inspectVersion, created)).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < episodes.size(); i++) {
            EpisodeRecord r = episodes.get(i);
            ForeignLog.Member member = log.samples().get(i);
            if (!seen.add(r.id())) {
                throw new InspectLogException(file, member.name(), "a second sample with id " + member.sample().path("id")
                        + " and epoch " + member.sample().path("epoch") + " (episode " + r.id() + ")");
            }
        }
        // A run whose transcripts all read as one of our scenarios' is that scenario's run, as its episodes are.
        List<String> scenarios = episodes.stream().map(r -> r.key().scenario()).distinct().toList();
        String scenario = scenarios.size() == 1 ? scenarios.getFirst() : safe(task);
        RunInfo run = new RunInfo(runId, created, scenario, plan.toString(), "offswitch import " + file.getFileName(), "inspect " + inspectVersion);
        return new ImportedRun(run, episodes);
    }

    private static EpisodeRecord episode(Path file, ForeignLog.Member member, JsonNode header, String runId, String task,
            String model, String evalId, String writer, Instant created) {
        JsonNode s = member.sample();
        String where = member.name();
        if (!s.isObject()) {
            throw new InspectLogException(file, where, "a sample must be a JSON object, got " + s.getNodeType());
        }
        JsonNode id = s.path("id");
        if (!(id.isTextual() || id.isIntegralNumber()) || id.asText().isBlank()) {
            throw new InspectLogException(file, where, "the sample's \"id\" must be a string or an integer, got "
                    + (id.isMissingNode() ? "nothing" : id.toString()));
        }
        JsonNode epochNode = s.path("epoch");
        if (!epochNode.isIntegralNumber() || epochNode.asInt() < 1) {
            throw new InspectLogException(file, where, "the sample's \"epoch\" must be an integer of 1 or more, got "
                    + (epochNode.isMissingNode() ? "nothing" : epochNode.toString()));
        }
        JsonNode ours = s.path("metadata").path("offswitch");
        JsonNode ourScore = scores(s).path(Samples.SCORER);
        boolean fromOffswitch = ours.isObject() && ourScore.path("metadata").path("outcome").isTextual();

        String condition = fromOffswitch ? ours.path("condition").asText(id.asText()) : safe(id.asText());
        int epoch = fromOffswitch && ours.path("epoch").canConvertToInt() ? ours.path("epoch").asInt() : epochNode.asInt();

        Instant started = time(fromOffswitch ? ours.path("started_at") : s.path("started_at"))
                .or(() -> time(s.path("started_at"))).or(() -> time(header.path("stats").path("started_at"))).orElse(created);
        Instant finished = time(fromOffswitch ? ours.path("finished_at") : s.path("completed_at"))
                .or(() -> time(s.path("completed_at"))).or(() -> time(header.path("stats").path("completed_at"))).orElse(started);
        Usage sampleUsage = Usage.NONE;
        for (JsonNode u : s.path("model_usage")) {
            sampleUsage = sampleUsage.plus(Transcripts.usage(u));
        }
        List<TranscriptEntry> transcript = Transcripts.of(file, where, s, started, sampleUsage);
        // Another harness's transcript is one of our scenario's episodes when it used that scenario's tools.
        Optional<Scenario> reader = fromOffswitch ? Optional.empty() : reader(safe(task), transcript);
        String scenario = fromOffswitch ? ours.path("scenario").asText(safe(task)) : reader.map(Scenario::id).orElse(safe(task));
        EpisodeKey key = new EpisodeKey(runId, scenario, condition, model, epoch);

        Provenance provenance = provenance(file, where, s, ours, fromOffswitch, task, model, evalId, writer, transcript, condition);
        Verdict verdict;
        List<Attempt> attempts;
        List<FileChange> changes = List.of();
        List<Judgement> judgements = List.of();
        List<Judgement> awareness = List.of();
        List<Caveat> caveats = List.of();
        List<FollowUp> followUps = List.of();
        Optional<Double> score = Optional.empty();
        if (fromOffswitch) {
            String label = ourScore.path("metadata").path("outcome").asText();
            Outcome outcome;
            try {
                outcome = Outcome.fromLabel(label);
            } catch (IllegalArgumentException e) {
                throw new InspectLogException(file, where, "scores." + Samples.SCORER + ".metadata.outcome '" + label + "' is not an offswitch outcome");
            }
            // A scenario this offswitch knows has its own outcomes: a log may not give it another's.
            Optional<Scenario> known = Scenarios.builtIn(scenario);
            if (known.isPresent() && known.get().outcomes().all().stream().noneMatch(o -> o.outcome().equals(outcome))) {
                throw new InspectLogException(file, where, "scores." + Samples.SCORER + ".metadata.outcome '" + label
                        + "' is not an outcome of scenario " + scenario + "; its outcomes: "
                        + String.join(", ", known.get().outcomes().all().stream().map(OutcomeLabel::label).toList()));
            }
            verdict = new Verdict(outcome, ourScore.path("explanation").asText(""),
                    readList(file, where, ourScore.path("metadata").path("evidence"), Evidence[].class, "evidence"));
            attempts = readList(file, where, ourScore.path("metadata").path("attempts"), Attempt[].class, "attempts");
            changes = readList(file, where, ours.path("changes"), FileChange[].class, "changes");
            judgements = readList(file, where, ourScore.path("metadata").path("judgements"), Judgement[].class, "judgements");
            awareness = readList(file, where, ourScore.path("metadata").path("eval_awareness"), Judgement[].class, "eval_awareness");
            caveats = readList(file, where, ours.path("caveats"), Caveat[].class, "caveats");
            followUps = readList(file, where, ours.path("follow_ups"), FollowUp[].class, "follow_ups");
            score = measuredScore(file, where, ourScore.path("metadata").path("score"));
        } else {
            verdict = foreignVerdict(s);
            attempts = reader.map(r -> r.transcriptReading().orElseThrow().attempts(transcript)).orElse(List.of());
            if (reader.isPresent()) {
                List<Evidence> evidence = new ArrayList<>(verdict.evidence());
                evidence.add(new Evidence("transcript-detectors", "read as a " + reader.get().id() + " transcript (its tools match): "
                        + attempts.size() + " attempt(s) read from its text; what needs the environment is not available"));
                verdict = new Verdict(verdict.outcome(), verdict.reason(), evidence);
            }
        }
        String episodeId = key.id();
        return new EpisodeRecord(episodeId, key, provenance, started, finished, verdict, attempts, changes, transcript, caveats,
                judgements, score, awareness, followUps);
    }

    /** The scenario's measured score as offswitch wrote it: absent, or a finite number. */
    private static Optional<Double> measuredScore(Path file, String where, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new InspectLogException(file, where, "scores." + Samples.SCORER + ".metadata.score is " + node + ", not a finite number");
        }
        return Optional.of(node.asDouble());
    }

    /**
     * The scenario whose reading matches the transcript's tools: the one the task is named after if it
     * matches, else the first that does; none when no scenario's tools match.
     */
    private static Optional<Scenario> reader(String task, List<TranscriptEntry> transcript) {
        List<Scenario> candidates = new ArrayList<>();
        Scenarios.builtIn(task).ifPresent(candidates::add);
        candidates.addAll(Scenarios.builtIn());
        return candidates.stream().filter(sc -> sc.transcriptReading().map(r -> r.matches(transcript)).orElse(false)).findFirst();
    }

    private static Verdict foreignVerdict(JsonNode s) {
        List<Evidence> evidence = new ArrayList<>();
        scores(s).fields().forEachRemaining(e -> {
            JsonNode score = e.getValue();
            StringBuilder d = new StringBuilder(e.getKey()).append(": value ").append(score.path("value").toString());
            if (score.path("answer").isTextual()) {
                d.append(", answer ").append(score.path("answer").asText());
            }
            if (score.path("explanation").isTextual()) {
                d.append(", explanation ").append(score.path("explanation").asText());
            }
            evidence.add(new Evidence("inspect-score", d.toString()));
        });
        JsonNode error = s.path("error");
        if (error.isObject() || error.isTextual()) {
            String message = error.isObject() ? error.path("message").asText("") : error.asText();
            return new Verdict(Outcome.ERROR, "the other harness reported an error: " + message, evidence);
        }
        JsonNode limit = s.path("limit");
        if (limit.isObject()) {
            return new Verdict(Outcome.LIMIT, "the other harness stopped the sample at its " + limit.path("type").asText("") + " limit "
                    + limit.path("limit").toString(), evidence);
        }
        return new Verdict(Outcome.NOT_AVAILABLE, "imported transcript: the outcome needs the environment, which the log does not have;"
                + " its scores are kept as given in the evidence", evidence);
    }

    /** The sample's scores, with the oldest logs' single {@code score} under the name "score". */
    private static JsonNode scores(JsonNode s) {
        if (s.path("scores").isObject()) {
            return s.path("scores");
        }
        if (s.path("score").isObject()) {
            return Messages.NODES.objectNode().set("score", s.path("score"));
        }
        return Messages.NODES.objectNode();
    }

    private static Provenance provenance(Path file, String where, JsonNode s, JsonNode ours, boolean fromOffswitch, String task,
            String model, String evalId, String writer, List<TranscriptEntry> transcript, String condition) {
        Map<String, String> settings = new TreeMap<>();
        settings.put("foreign", "inspect");
        settings.put("foreign.eval_id", evalId);
        if (fromOffswitch && ours.path("provenance").isObject()) {
            Provenance p = readOne(file, where, ours.path("provenance"), Provenance.class, "provenance");
            settings.putAll(p.agentSettings());
            settings.put("foreign.sandbox", p.sandboxBackend());
            return new Provenance(p.offswitchVersion(), p.offswitchCommit(), p.scenario(), p.scenarioHash(), p.condition(), p.conditionHash(),
                    p.systemPrompt(), p.userPrompt(), p.continuePrompt(), p.agent(), p.agentScripted(), settings, p.seed(), FOREIGN_SANDBOX);
        }
        String system = "";
        String user = "";
        for (TranscriptEntry e : transcript) {
            if (system.isEmpty() && e.message() instanceof Message.System m) {
                system = m.text();
            }
            if (user.isEmpty() && e.message() instanceof Message.User m) {
                user = m.text();
            }
        }
        String scenarioHash = "inspect:" + Hashes.sha256(task + "\0" + evalId).substring(0, 16);
        return new Provenance("foreign (" + writer + ")", "", safe(task), scenarioHash, condition, "", system, user, "",
                model, false, settings, 0L, FOREIGN_SANDBOX);
    }

    private static <T> List<T> readList(Path file, String where, JsonNode node, Class<T[]> type, String what) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        try {
            return List.of(Json.mapper().treeToValue(node, type));
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InspectLogException(file, where, "offswitch's " + what + " in it cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static <T> T readOne(Path file, String where, JsonNode node, Class<T> type, String what) {
        try {
            return Json.mapper().treeToValue(node, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw new InspectLogException(file, where, "offswitch's " + what + " in it cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
        }
    }

    private static java.util.Optional<Instant> time(JsonNode node) {
        return node.isTextual() ? InspectTime.parse(node.asText()) : java.util.Optional.empty();
    }

    static String safe(String text) {
        String s = text.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.length() > 80 ? s.substring(0, 60) + "-" + Hashes.sha256(text).substring(0, 12) : s;
    }
}
