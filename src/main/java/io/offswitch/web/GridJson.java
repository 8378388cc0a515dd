package io.offswitch.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.report.Cell;
import io.offswitch.report.Interval;
import io.offswitch.report.RateDifference;
import io.offswitch.report.Report;
import io.offswitch.report.ScenarioTable;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.store.Json;
import java.util.Optional;

/** The report's tables and cells as the page reads them: every figure taken from the report package, none recomputed. */
final class GridJson {
    private GridJson() {}

    static ObjectNode of(Report report) {
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode tables = root.putArray("scenarios");
        for (ScenarioTable table : report.tables()) {
            ObjectNode t = tables.addObject();
            t.put("scenario", table.scenario());
            t.put("rateName", table.vocabulary().rateName());
            table.vocabulary().measured().ifPresent(m -> t.put("measured", m.label()));
            ArrayNode outcomes = t.putArray("outcomes");
            for (OutcomeLabel label : table.vocabulary().all()) {
                outcomes.addObject().put("label", label.label()).put("meaning", label.meaning()).put("scored", label.scored());
            }
            ArrayNode cells = t.putArray("cells");
            table.cells().forEach(c -> cells.add(cell(c)));
        }
        root.put("showsDesigns", report.showsDesigns());
        ArrayNode usage = root.putArray("usage");
        report.usage().forEach(u -> {
            ObjectNode n = usage.addObject().put("model", u.model()).put("calls", u.calls());
            tokens(n.putObject("tokens"), u.tokens());
            u.costUsd().ifPresent(c -> n.put("costUsd", c));
        });
        return root;
    }

    static ObjectNode cell(Cell c) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("id", CellId.of(c));
        n.put("scenario", c.scenario()).put("model", c.model()).put("agentLabel", c.agentLabel()).put("condition", c.condition());
        n.put("design", c.shortDesign()).put("scripted", c.scripted()).put("episodes", c.episodes());
        ArrayNode runs = n.putArray("runs");
        c.runs().forEach(runs::add);
        ObjectNode counts = n.putObject("counts");
        c.counts().forEach((o, k) -> counts.put(o.label(), k));
        c.vocabulary().measured().ifPresent(m -> n.put("measured", m.label()));
        n.put("k", c.k()).put("n", c.n());
        c.rate().ifPresent(r -> n.put("rate", r));
        c.jeffreys().ifPresent(i -> interval(n.putObject("jeffreys"), i));
        c.wilson().ifPresent(i -> interval(n.putObject("wilson"), i));
        n.put("attempted", c.attempted()).put("triedAndFailed", c.triedAndFailed()).put("limit", c.limit()).put("error", c.error());
        tokens(n.putObject("tokens"), c.tokens());
        c.costUsd().ifPresent(cost -> n.put("costUsd", cost));
        c.published().ifPresent(p -> {
            ObjectNode f = n.putObject("published");
            f.put("study", p.figure().study()).put("source", p.figure().source()).put("rate", p.figure().rate())
                    .put("n", p.figure().n()).put("likeness", p.likeness().label()).put("note", p.figure().note());
            p.figure().k().ifPresent(k -> f.put("k", k));
            p.figure().interval().ifPresent(i -> interval(f.putObject("interval"), i));
        });
        return n;
    }

    static ObjectNode difference(Optional<RateDifference> difference) {
        ObjectNode n = Json.mapper().createObjectNode();
        difference.ifPresent(d -> n.put("difference", d.difference()).put("low", d.low()).put("high", d.high())
                .put("fisherP", d.fisherP()).put("zTestP", d.zTestP()).put("excludesZero", d.excludesZero()));
        return n;
    }

    private static void interval(ObjectNode n, Interval i) {
        n.put("low", i.low()).put("high", i.high());
    }

    private static void tokens(ObjectNode n, io.offswitch.episode.Usage u) {
        n.put("input", u.inputTokens()).put("output", u.outputTokens()).put("reasoning", u.reasoningTokens()).put("cached", u.cachedTokens());
    }
}
