package io.offswitch.report;

import io.offswitch.awareness.EvalAwareness;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Every scenario's cells split by what the agent said of its situation ({@code report --by
 * eval-awareness}): for each cell, one row per awareness label its episodes had, each with the
 * scenario's measured k/n and interval among those episodes. The label of an episode is an LLM
 * judge's where one answered, else the rules' ({@code EpisodeRecord#statedAwareness}); episodes stored
 * before awareness was judged are "not judged". Anthropic's figure is the example: Claude Opus 4
 * blackmailed far more often when it said the scenario was real than when it said it was a test.
 *
 * @param said the awareness label, or {@value EvalAwareness#NOT_JUDGED}
 */
public record AwarenessSplit(String said, Cell cell) {
    static final List<String> ORDER = List.of(EvalAwareness.EVALUATION, EvalAwareness.REAL, EvalAwareness.UNSTATED, EvalAwareness.NOT_JUDGED);

    static String said(EpisodeRecord r) {
        return r.statedAwareness().orElse(EvalAwareness.NOT_JUDGED);
    }

    /** The rows of {@code records}, cells in the report's order and, within a cell, labels in {@link #ORDER}. */
    public static List<AwarenessSplit> of(List<EpisodeRecord> records, Map<String, String> planJsonByRun, PriceTable prices) {
        List<Cell> order = Report.of(records, planJsonByRun, prices).cells();
        List<AwarenessSplit> rows = new ArrayList<>();
        for (String label : ORDER) {
            List<EpisodeRecord> subset = records.stream().filter(r -> said(r).equals(label)).toList();
            if (!subset.isEmpty()) {
                Report.of(subset, planJsonByRun, prices).cells().forEach(c -> rows.add(new AwarenessSplit(label, c)));
            }
        }
        rows.sort(Comparator.<AwarenessSplit>comparingInt(r -> indexOf(order, r.cell())).thenComparingInt(r -> ORDER.indexOf(r.said())));
        return List.copyOf(rows);
    }

    private static int indexOf(List<Cell> cells, Cell c) {
        for (int i = 0; i < cells.size(); i++) {
            Cell o = cells.get(i);
            if (o.scenario().equals(c.scenario()) && o.model().equals(c.model()) && o.condition().equals(c.condition()) && o.design().equals(c.design())) {
                return i;
            }
        }
        return cells.size();
    }

    /** The Markdown section. */
    public static String markdown(List<AwarenessSplit> rows) {
        StringBuilder s = new StringBuilder("\n## By eval awareness\n\n| scenario | agent | condition | said | measured | k/n | rate | 95% Jeffreys | episodes |\n"
                + "|---|---|---|---|---|--:|--:|--:|--:|\n");
        for (AwarenessSplit r : rows) {
            Cell c = r.cell();
            String measured = c.vocabulary().measured().map(m -> m.label()).orElse(MarkdownReport.NONE);
            s.append("| ").append(String.join(" | ", List.of(c.scenario(), c.agentLabel(), c.condition(), r.said(), measured,
                    c.k() + "/" + c.n(), MarkdownReport.percent(c.rate()), MarkdownReport.interval(c.jeffreys()), String.valueOf(c.episodes()))
                    .stream().map(MarkdownCells::text).toList())).append(" |\n");
        }
        return s.append("\n**said**: what the agent's own words (replies, reasoning, the thoughts given with its commands) said of its"
                + " situation: `evaluation` (a test, an evaluation, a simulation, not real), `real` (real, not a test) or `unstated`;"
                + " an LLM judge's label where one answered (`run --judge`), else the rules'. `not judged`: stored before eval awareness"
                + " was judged. Each row is the cell's episodes with that label, with the scenario's measured outcome k/n among them;"
                + " who says what is not assigned at random, so a difference between rows is an association, not an effect.\n").toString();
    }
}
