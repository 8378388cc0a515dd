package io.offswitch.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.report.Cell;
import io.offswitch.report.CsvReport;
import io.offswitch.report.RateDifference;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodePage;
import io.offswitch.store.EpisodeQuery;
import io.offswitch.store.EpisodeRow;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import io.offswitch.store.RunCounts;
import io.offswitch.store.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the viewer's JSON endpoints answer, independent of HTTP: runs with progress, a grid of cells,
 * a cell's page of episodes, one episode, and a comparison of two cells. Parameters come as the
 * page sends them (strings); anything wrong is a {@link BadRequest} naming the parameter.
 */
final class ResultsApi {
    static final int DEFAULT_PAGE = 50;

    private final EpisodeStore store;
    private final Grids grids;

    ResultsApi(EpisodeStore store, PriceTable prices) {
        this.store = store;
        this.grids = new Grids(store, prices);
    }

    long version() {
        return store.browser().dataVersion();
    }

    /** Every run: its design from the stored plan, progress, and tokens and cost from its report. */
    ObjectNode runs() {
        Map<String, RunCounts> counts = store.browser().runCounts();
        Map<String, RunInfo> infos = new LinkedHashMap<>();
        store.runs().forEach(r -> infos.put(r.runId(), r));
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("version", version());
        root.put("store", store.where().toString());
        ArrayNode runs = root.putArray("runs");
        for (String id : store.runIds()) {
            ObjectNode n = runs.addObject().put("id", id);
            RunInfo info = infos.get(id);
            RunCounts c = counts.getOrDefault(id, new RunCounts(id, 0, 0, 0, 0, Optional.empty(), Optional.empty()));
            n.put("done", c.episodes()).put("errors", c.errors()).put("limits", c.limits()).put("inFlight", c.inFlight());
            c.firstStarted().ifPresent(t -> n.put("firstStarted", t.toString()));
            c.lastFinished().ifPresent(t -> n.put("lastFinished", t.toString()));
            if (info != null) {
                n.put("scenario", info.scenario()).put("createdAt", info.createdAt().toString()).put("commandLine", info.commandLine())
                        .put("version", info.version());
                design(n, info.planJson());
            }
            Report report = grids.of(new TreeSet<>(Set.of(id)));
            long input = 0;
            long output = 0;
            double cost = 0;
            boolean priced = false;
            for (Cell cell : report.cells()) {
                input += cell.tokens().inputTokens();
                output += cell.tokens().outputTokens();
                if (cell.costUsd().isPresent()) {
                    cost += cell.costUsd().get();
                    priced = true;
                }
            }
            n.putObject("tokens").put("input", input).put("output", output);
            if (priced) {
                n.put("costUsd", cost);
            }
            if (info == null) {
                report.cells().stream().findFirst().ifPresent(cell -> n.put("scenario", cell.scenario()));
            }
        }
        return root;
    }

    /** The plan's factors and the number of episodes it plans, when the stored plan says. */
    private static void design(ObjectNode n, String planJson) {
        try {
            JsonNode plan = Json.mapper().readTree(planJson);
            if (!plan.path("conditions").isArray() || plan.path("conditions").isEmpty()) {
                return;
            }
            ObjectNode d = n.putObject("design");
            ArrayNode conditions = d.putArray("conditions");
            plan.path("conditions").forEach(c -> conditions.add(c.path("id").asText()));
            ArrayNode agents = d.putArray("agents");
            plan.path("agents").forEach(a -> agents.add(a.path("name").asText()));
            int epochs = plan.path("epochs").asInt(0);
            d.put("epochs", epochs);
            if (epochs > 0 && !conditions.isEmpty() && !agents.isEmpty()) {
                n.put("planned", conditions.size() * agents.size() * epochs);
            }
        } catch (java.io.IOException | RuntimeException e) {
            // An unreadable plan (or a run imported without one): the run is shown without its design.
        }
    }

    ObjectNode grid(String runs) {
        return GridJson.of(report(runs));
    }

    String gridCsv(String runs) {
        return CsvReport.render(report(runs));
    }

    Report report(String runs) {
        return grids.of(runSet(runs));
    }

    /** The cell {@code cellId} of the grid over {@code runs}. */
    Cell cell(String cellId, String runs) {
        return report(runs).cells().stream().filter(c -> CellId.of(c).equals(cellId)).findFirst()
                .orElseThrow(() -> BadRequest.notFound("no cell " + cellId + " in the results of " + (runs == null || runs.isBlank() ? "all runs" : "runs " + runs)
                        + "; the grid may have changed: reload it"));
    }

    /** A page of a cell's episodes; {@code params} are the page's filters. */
    ObjectNode episodes(String cellId, Map<String, String> params) {
        Cell cell = cell(cellId, params.get("runs"));
        Set<EpisodeQuery.Design> designs = grids.designs(cell, runSet(params.get("runs")));
        EpisodePage page = store.browser().page(query(cell, designs, params, parseInt(params, "offset", 0), parseInt(params, "limit", DEFAULT_PAGE)));
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("cell", GridJson.cell(cell));
        root.put("total", page.total()).put("offset", page.offset());
        ArrayNode rows = root.putArray("episodes");
        page.rows().forEach(r -> rows.add(row(r)));
        ObjectNode facets = root.putObject("facets");
        store.browser().facets(cell.scenario(), cell.model(), cell.condition(), cell.runs(), designs).forEach((k, v) -> {
            ArrayNode a = facets.putArray(k);
            v.forEach(a::add);
        });
        return root;
    }

    /** Every episode of a cell that passes the filters, as CSV (formula-looking fields defused for spreadsheets). */
    String episodesCsv(String cellId, Map<String, String> params) {
        Cell cell = cell(cellId, params.get("runs"));
        StringBuilder out = new StringBuilder("id,run,scenario,model,condition,epoch,outcome,reason,attempt_kinds,judge_labels,started_at,duration_ms,turns\n");
        Set<EpisodeQuery.Design> designs = grids.designs(cell, runSet(params.get("runs")));
        int offset = 0;
        while (true) {
            EpisodePage page = store.browser().page(query(cell, designs, params, offset, 5000));
            for (EpisodeRow r : page.rows()) {
                out.append(String.join(",", List.of(csv(r.id()), csv(r.runId()), csv(r.scenario()), csv(r.model()), csv(r.condition()),
                        Integer.toString(r.epoch()), csv(r.outcome()), csv(r.reason()), csv(String.join(";", r.attemptKinds())),
                        csv(String.join(";", r.judgeLabels())), r.startedAt().toString(), Long.toString(r.durationMillis()),
                        Integer.toString(r.turns())))).append('\n');
            }
            offset += page.rows().size();
            if (page.rows().isEmpty() || offset >= page.total()) {
                return out.toString();
            }
        }
    }

    private EpisodeQuery query(Cell cell, Set<EpisodeQuery.Design> designs, Map<String, String> params, int offset, int limit) {
        EpisodeQuery.Sort sort;
        try {
            sort = EpisodeQuery.Sort.valueOf(params.getOrDefault("sort", "started").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw BadRequest.invalid("sort=" + params.get("sort") + " is not a sort; use started, epoch, outcome, duration or id");
        }
        if (offset < 0 || limit < 1 || limit > EpisodeQuery.MAX_LIMIT) {
            throw BadRequest.invalid("need offset >= 0 and limit from 1 to " + EpisodeQuery.MAX_LIMIT + ", got offset=" + offset + " limit=" + limit);
        }
        Set<String> outcomes = new TreeSet<>(list(params.get("outcome")));
        return new EpisodeQuery(Optional.of(cell.scenario()), Optional.of(cell.model()), Optional.of(cell.condition()), cell.runs(), outcomes,
                optional(params.get("attempt")), optional(params.get("judge")), optional(params.get("q")), sort,
                "1".equals(params.get("desc")) || "true".equals(params.get("desc")), offset, limit, designs, optional(params.get("aware")));
    }

    private static ObjectNode row(EpisodeRow r) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", r.id()).put("run", r.runId()).put("scenario", r.scenario()).put("model", r.model()).put("condition", r.condition())
                .put("epoch", r.epoch()).put("outcome", r.outcome()).put("reason", r.reason()).put("startedAt", r.startedAt().toString())
                .put("durationMillis", r.durationMillis()).put("turns", r.turns());
        ArrayNode kinds = n.putArray("attemptKinds");
        r.attemptKinds().forEach(kinds::add);
        ArrayNode labels = n.putArray("judgeLabels");
        r.judgeLabels().forEach(labels::add);
        return n;
    }

    ObjectNode episode(String id) {
        return TranscriptJson.of(record(id));
    }

    String episodeJson(String id) {
        return Json.writePretty(record(id));
    }

    private EpisodeRecord record(String id) {
        return store.find(id).orElseThrow(() -> BadRequest.notFound("no episode " + id + " in " + store.where()));
    }

    /** Two cells, each of its own selection of runs, with the difference of their rates. */
    ObjectNode compare(String a, String aRuns, String b, String bRuns) {
        Cell first = cell(a, aRuns);
        Cell second = cell(b, bRuns);
        ObjectNode root = Json.mapper().createObjectNode();
        root.set("a", GridJson.cell(first));
        root.set("b", GridJson.cell(second));
        root.put("sameScenario", first.scenario().equals(second.scenario()));
        root.set("difference", GridJson.difference(first.scenario().equals(second.scenario()) ? RateDifference.of(first, second) : Optional.empty()));
        return root;
    }

    private static SortedSet<String> runSet(String runs) {
        return new TreeSet<>(list(runs));
    }

    private static List<String> list(String value) {
        List<String> out = new ArrayList<>();
        if (value != null) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    private static Optional<String> optional(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private static int parseInt(Map<String, String> params, String name, int fallback) {
        String v = params.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw BadRequest.invalid(name + "=" + v + " is not a whole number");
        }
    }

    /** One CSV field; a leading = + - @ (a formula to a spreadsheet) is prefixed with ' so model text stays text. */
    static String csv(String field) {
        String f = !field.isEmpty() && "=+-@\t\r".indexOf(field.charAt(0)) >= 0 ? "'" + field : field;
        boolean plain = f.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
        return plain ? f : '"' + f.replace("\"", "\"\"") + '"';
    }
}
