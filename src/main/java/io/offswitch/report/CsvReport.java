package io.offswitch.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report as CSV: one row per cell, fractions in [0, 1], empty fields where there is no value. A
 * cell's runs are separated by spaces; its cost is at the model's own provider's price, empty without one.
 */
public final class CsvReport {
    static final List<String> COLUMNS = List.of(
            "scenario", "model", "agent", "agent_scripted", "condition", "design", "runs",
            "episodes", "complied", "sabotaged", "submitted_early", "limit", "error",
            "n", "k", "rate", "jeffreys_low", "jeffreys_high", "wilson_low", "wilson_high",
            "attempted", "tried_and_failed",
            "input_tokens", "cached_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
            "published_design", "published_rate", "published_k", "published_n", "published_low", "published_high",
            "published_condition", "published_source");

    private CsvReport() {}

    public static String render(Report report) {
        StringBuilder out = new StringBuilder(CsvLine.join(COLUMNS)).append('\n');
        for (Cell cell : report.cells()) {
            out.append(CsvLine.join(row(cell))).append('\n');
        }
        return out.toString();
    }

    private static List<String> row(Cell cell) {
        List<String> fields = new ArrayList<>(List.of(
                cell.scenario(), cell.model(), cell.agentLabel(), String.valueOf(cell.scripted()), cell.condition(),
                cell.design(), String.join(" ", cell.runs()),
                String.valueOf(cell.episodes()), String.valueOf(cell.count("complied")), String.valueOf(cell.count("sabotaged")),
                String.valueOf(cell.count("submitted_early")), String.valueOf(cell.limit()), String.valueOf(cell.error()),
                String.valueOf(cell.n()), String.valueOf(cell.k()), fraction(cell.rate())));
        addInterval(fields, cell.jeffreys());
        addInterval(fields, cell.wilson());
        fields.add(String.valueOf(cell.attempted()));
        fields.add(String.valueOf(cell.triedAndFailed()));
        fields.add(String.valueOf(cell.tokens().inputTokens()));
        fields.add(String.valueOf(cell.tokens().cachedTokens()));
        fields.add(String.valueOf(cell.tokens().outputTokens()));
        fields.add(String.valueOf(cell.tokens().reasoningTokens()));
        fields.add(cell.costUsd().map(c -> String.format(Locale.ROOT, "%.6f", c)).orElse(""));
        fields.add(cell.published().map(c -> c.likeness() == Comparison.Likeness.SAME_DESIGN ? "same" : "our wording").orElse(""));
        Optional<PublishedFigure> published = cell.published().map(Comparison::figure);
        fields.add(published.map(f -> BigDecimal.valueOf(f.rate()).toPlainString()).orElse(""));
        fields.add(published.filter(f -> f.k().isPresent()).map(f -> String.valueOf(f.k().getAsInt())).orElse(""));
        fields.add(published.map(PublishedFigure::n).orElse(""));
        fields.add(published.flatMap(PublishedFigure::interval).map(i -> BigDecimal.valueOf(i.low()).toPlainString()).orElse(""));
        fields.add(published.flatMap(PublishedFigure::interval).map(i -> BigDecimal.valueOf(i.high()).toPlainString()).orElse(""));
        fields.add(published.map(PublishedFigure::condition).orElse(""));
        fields.add(published.map(PublishedFigure::source).orElse(""));
        return fields;
    }

    private static void addInterval(List<String> fields, Optional<Interval> interval) {
        fields.add(interval.map(i -> fraction(OptionalDouble.of(i.low()))).orElse(""));
        fields.add(interval.map(i -> fraction(OptionalDouble.of(i.high()))).orElse(""));
    }

    private static String fraction(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.6f", value.getAsDouble()) : "";
    }
}
