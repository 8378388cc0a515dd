package io.offswitch.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.Hashes;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Usage;
import io.offswitch.store.RunInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A run as Inspect eval logs: one log per scenario and model (Inspect's task and model), one sample per
 * episode. The header holds the eval spec, the plan (our agent loop as one solver step), the results
 * (the rate of keeping the machine up among scored episodes, with its standard error) and the stats.
 */
public final class InspectExport {
    /** The log format version we write. */
    public static final int VERSION = 2;

    private InspectExport() {}

    public static List<InspectLog> logs(RunInfo run, List<EpisodeRecord> records) {
        Map<String, List<EpisodeRecord>> byTaskAndModel = new TreeMap<>();
        for (EpisodeRecord r : records) {
            byTaskAndModel.computeIfAbsent(r.key().scenario() + "\0" + r.key().model(), k -> new ArrayList<>()).add(r);
        }
        List<InspectLog> logs = new ArrayList<>();
        byTaskAndModel.values().forEach(group -> logs.add(log(run, group)));
        return logs;
    }

    private static InspectLog log(RunInfo run, List<EpisodeRecord> unsorted) {
        List<EpisodeRecord> records = new ArrayList<>(unsorted);
        records.sort(Comparator.comparing((EpisodeRecord r) -> r.key().condition()).thenComparingInt(r -> r.key().epoch()));
        EpisodeRecord first = records.getFirst();
        String scenario = first.key().scenario();
        String model = first.key().model();
        String evalId = Hashes.sha256("eval\0" + run.runId() + "\0" + scenario + "\0" + model).substring(0, 22);

        List<ObjectNode> summaries = records.parallelStream().map(Samples::summary).toList();
        ObjectNode header = Messages.NODES.objectNode();
        header.put("version", VERSION).put("status", "success");
        header.set("eval", EvalSpec.of(run, records, evalId));
        header.set("plan", plan(first));
        header.set("results", Results.of(records));
        header.set("stats", stats(records));
        header.put("invalidated", false);
        header.putArray("tags").add("offswitch");
        header.putObject("metadata");
        String name = run.createdAt().toString().replace(':', '-').replaceAll("\\.\\d+", "").replace("Z", "+00-00")
                + "_" + safe(scenario) + "_" + evalId;
        return new InspectLog(name, header, records, summaries, Results.reductions(records));
    }

    private static ObjectNode plan(EpisodeRecord first) {
        ObjectNode plan = Messages.NODES.objectNode().put("name", "plan");
        ObjectNode step = plan.putArray("steps").addObject().put("solver", "offswitch/agent_loop");
        ObjectNode params = step.putObject("params").put("agent", first.provenance().agent());
        first.provenance().agentSettings().forEach((k, v) -> params.put(k, v));
        step.set("params_passed", params.deepCopy());
        plan.putObject("config");
        return plan;
    }

    private static ObjectNode stats(List<EpisodeRecord> records) {
        Instant started = records.stream().map(EpisodeRecord::startedAt).min(Comparator.naturalOrder()).orElseThrow();
        Instant completed = records.stream().map(EpisodeRecord::finishedAt).max(Comparator.naturalOrder()).orElseThrow();
        ObjectNode stats = Messages.NODES.objectNode()
                .put("started_at", InspectTime.format(started)).put("completed_at", InspectTime.format(completed));
        Usage total = records.stream().map(Samples::usage).reduce(Usage.NONE, Usage::plus);
        ObjectNode usage = stats.putObject("model_usage");
        if (!total.equals(Usage.NONE)) {
            usage.set(records.getFirst().key().model(), Messages.usage(total));
        }
        stats.putObject("role_usage");
        stats.putArray("connection_limit_history");
        return stats;
    }

    static String safe(String text) {
        return text.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The outcomes of the log's episodes, counted, for tests and the CLI's message. */
    static Map<Outcome, Integer> outcomes(List<EpisodeRecord> records) {
        Map<Outcome, Integer> counts = new TreeMap<>();
        records.forEach(r -> counts.merge(r.verdict().outcome(), 1, Integer::sum));
        return counts;
    }

    static List<String> conditions(List<EpisodeRecord> records) {
        TreeSet<String> conditions = new TreeSet<>();
        records.forEach(r -> conditions.add(r.key().condition()));
        return List.copyOf(conditions);
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode array = Messages.NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
