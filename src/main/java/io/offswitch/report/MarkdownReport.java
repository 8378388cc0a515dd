package io.offswitch.report;

import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.TableLegend;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report as Markdown: one table per scenario in the scenario's own columns, and a legend that says
 * how to read each. A table's columns: agent, condition, (design and runs when rows need telling
 * apart), the measured outcome's k/n with its rate and intervals, attempted, tried-and-failed, one
 * column per declared outcome that k/n does not already show, then limit, error, episodes and the
 * published figure. Shutdown's table and legend are those of the first release to the character.
 */
public final class MarkdownReport {
    static final String NONE = "–";

    private MarkdownReport() {}

    public static String render(Report report) {
        return render(report, false);
    }

    /**
     * The report; {@code episodeScores} adds a table of every scored episode's score (for scenarios
     * that score their episodes; nothing changes for the others).
     */
    public static String render(Report report, boolean episodeScores) {
        StringBuilder out = new StringBuilder("# offswitch results\n");
        if (report.isEmpty()) {
            return out.append("\nNo episodes to report.\n").toString();
        }
        boolean designs = report.showsDesigns();
        List<ScenarioTable> tables = report.tables();
        for (ScenarioTable table : tables) {
            out.append("\n## ").append(MarkdownCells.text(table.scenario())).append("\n\n").append(header(table.vocabulary(), designs));
            table.cells().forEach(cell -> out.append(row(cell, designs)));
        }
        out.append(ScoresMarkdown.section(report, episodeScores));
        out.append(DefencesMarkdown.section(report));
        out.append(BenignMarkdown.section(report));
        out.append(usage(report.usage()));
        return out.append(legend(tables, report.cells(), designs)).append(JudgeAgreement.markdown(report.judges()))
                .append(FollowUpRates.markdown(report.interviews())).toString();
    }

    /**
     * The declared outcomes with a column of their own: all but the measured one, which is k, and the
     * other counted one when there is only one, which is n − k (shutdown's complied).
     */
    static List<OutcomeLabel> columnsApart(OutcomeVocabulary vocabulary) {
        List<OutcomeLabel> scored = vocabulary.declared().stream().filter(OutcomeLabel::scored).toList();
        return vocabulary.declared().stream()
                .filter(o -> !vocabulary.measured().map(o.outcome()::equals).orElse(false))
                .filter(o -> !(vocabulary.measured().isPresent() && o.scored() && scored.size() == 2))
                .toList();
    }

    /** An outcome label as a column heading: {@code submitted_early} is "submitted early". */
    static String heading(OutcomeLabel outcome) {
        return outcome.label().replace('_', ' ');
    }

    private static String kn(OutcomeVocabulary vocabulary) {
        return vocabulary.measured().map(m -> m.label().replace('_', ' ') + " k/n").orElse("k/n");
    }

    private static String header(OutcomeVocabulary vocabulary, boolean designs) {
        List<String> names = new ArrayList<>(List.of("agent", "condition"));
        List<String> align = new ArrayList<>(List.of("---", "---"));
        if (designs) {
            // With episodes from several runs, each row says which runs it pools and under which design.
            names.addAll(List.of("design", "runs"));
            align.addAll(List.of("---", "---"));
        }
        names.addAll(List.of(kn(vocabulary), "rate", "95% Jeffreys", "95% Wilson", "attempted", "tried, failed"));
        columnsApart(vocabulary).forEach(o -> names.add(heading(o)));
        names.addAll(List.of("limit", "error", "episodes"));
        while (align.size() < names.size()) {
            align.add("--:");
        }
        names.add("published");
        align.add("---");
        return "| " + String.join(" | ", names) + " |\n|" + String.join("|", align) + "|\n";
    }

    private static String usage(List<ModelUsage> usage) {
        if (usage.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n## Model usage\n\n| model | calls | input tokens | cached | output tokens | reasoning | cost (USD) |\n|---|--:|--:|--:|--:|--:|--:|\n");
        for (ModelUsage u : usage) {
            s.append("| ").append(MarkdownCells.text(u.model())).append(" | ").append(u.calls()).append(" | ").append(u.tokens().inputTokens())
                    .append(" | ").append(u.tokens().cachedTokens()).append(" | ").append(u.tokens().outputTokens())
                    .append(" | ").append(u.tokens().reasoningTokens()).append(" | ")
                    .append(u.costUsd().map(c -> String.format(java.util.Locale.ROOT, "%.4f", c)).orElse("no price")).append(" |\n");
        }
        return s.append("\nCost uses the price table shipped with offswitch (or --prices FILE), by provider and model: a model is"
                + " priced only at its own provider's price, and openai-api/... endpoints have none unless you give one. Each row of"
                + " the table says when its prices were read.\n").toString();
    }

    private static String row(Cell cell, boolean designs) {
        List<String> fields = new ArrayList<>(List.of(cell.agentLabel(), cell.conditionLabel()));
        if (designs) {
            fields.add(cell.shortDesign());
            fields.add(String.join(", ", cell.runs()));
        }
        fields.addAll(List.of(
                cell.k() + "/" + cell.n(),
                percent(cell.rate()),
                interval(cell.jeffreys()),
                interval(cell.wilson()),
                String.valueOf(cell.attempted()),
                String.valueOf(cell.triedAndFailed())));
        columnsApart(cell.vocabulary()).forEach(o -> fields.add(String.valueOf(cell.count(o.outcome()))));
        fields.addAll(List.of(
                String.valueOf(cell.limit()),
                String.valueOf(cell.error()),
                String.valueOf(cell.episodes()),
                cell.published().map(c -> published(c, cell.condition())).orElse(NONE)));
        return "| " + String.join(" | ", fields.stream().map(MarkdownCells::text).toList()) + " |\n";
    }

    static String published(Comparison comparison, String ourCondition) {
        String figure = published(comparison.figure(), ourCondition);
        return comparison.likeness() == Comparison.Likeness.SAME_DESIGN ? figure : comparison.likeness().label() + ": " + figure;
    }

    static String published(PublishedFigure figure, String ourCondition) {
        String size = figure.k().isPresent() ? figure.k().getAsInt() + "/" + figure.n() : "n " + figure.n();
        String as = figure.condition().equalsIgnoreCase(ourCondition) ? "" : ", as \"" + figure.condition() + "\"";
        String range = figure.interval().map(i -> " " + interval(Optional.of(i))).orElse("");
        return percent(OptionalDouble.of(figure.rate())) + range + " (" + size + "; " + figure.source() + as + ")";
    }

    static String percent(OptionalDouble fraction) {
        return fraction.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction.getAsDouble()) : NONE;
    }

    static String interval(Optional<Interval> interval) {
        return interval.map(i -> String.format(Locale.ROOT, "[%.1f, %.1f]", 100 * i.low(), 100 * i.high())).orElse(NONE);
    }


    private static final String RATE = "- **rate** is k/n; the intervals are 95% confidence intervals in percent (Jeffreys, as in the "
            + "published paper, and Wilson). \"–\" means no episode was scored, so there is no rate.\n";
    private static final String PUBLISHED = "- **published**: the figure reported for the same model from the same provider under the same "
            + "condition, with its source; \"as ...\" names the source's own condition when it only resembles ours. "
            + "It stands plainly only where our cell ran the published prompts (same content hash); "
            + "\"different prompts (our wording)\" marks a cell that ran offswitch's own wording of the published "
            + "condition, which follows the published structure but not its text. Cells run with your own prompts "
            + "or conditions, through another provider or endpoint, or by a scripted agent show none.\n";

    // One scenario: its lines around the rate's, as the first release printed them. Several: the common
    // lines once, each scenario's under its name.
    private static String legend(List<ScenarioTable> tables, List<Cell> cells, boolean designs) {
        StringBuilder legend = new StringBuilder("\nHow to read this:\n");
        if (tables.size() == 1) {
            ScenarioLines lines = scenarioLines(tables.getFirst().vocabulary());
            lines.outcomes().forEach(line -> legend.append("- ").append(line).append('\n'));
            legend.append(RATE);
            lines.counting().forEach(line -> legend.append("- ").append(line).append('\n'));
        } else {
            legend.append(RATE);
            for (ScenarioTable table : tables) {
                legend.append("- In the **").append(MarkdownCells.text(table.scenario())).append("** table:\n");
                scenarioLines(table.vocabulary()).all().forEach(line -> legend.append("  - ").append(line).append('\n'));
            }
        }
        legend.append(PUBLISHED);
        if (designs) {
            legend.append("- **design** identifies what the episodes ran (prompts, world, tools, agent and its settings, ")
                    .append("limits); only episodes of one design are pooled into a rate. **runs** lists the runs they came from.\n");
        }
        if (cells.stream().anyMatch(Cell::scripted)) {
            legend.append("- Agents marked **(scripted)** are offswitch's reference scripts, not AI models: their ")
                    .append("numbers check the harness and say nothing about model behaviour.\n");
        }
        return legend.toString();
    }

    /**
     * A scenario's legend lines: what k/n and its outcomes are (in its own words when it gives them,
     * otherwise one line for each outcome's meaning), then what is left out of n and what an attempt is.
     */
    record ScenarioLines(List<String> outcomes, List<String> counting) {
        List<String> all() {
            List<String> all = new ArrayList<>(outcomes);
            all.addAll(counting);
            return all;
        }
    }

    static ScenarioLines scenarioLines(OutcomeVocabulary vocabulary) {
        TableLegend words = vocabulary.ownLegend().orElseGet(() -> GenericLegend.of(vocabulary));
        List<String> outcomes = new ArrayList<>();
        outcomes.add("**" + kn(vocabulary) + "**: " + words.counted());
        if (vocabulary.ownLegend().isEmpty() && vocabulary.measured().isPresent()) {
            vocabulary.declared().forEach(o -> outcomes.add("**" + heading(o) + "**: " + GenericLegend.sentence(o.meaning())));
        }
        List<String> uncounted = new ArrayList<>();
        vocabulary.declared().stream().filter(o -> !o.scored()).forEach(o -> uncounted.add("**" + heading(o) + "**"));
        uncounted.addAll(List.of("**limit**", "**error**"));
        return new ScenarioLines(outcomes, List.of(
                String.join(", ", uncounted.subList(0, uncounted.size() - 1)) + " and " + uncounted.getLast()
                        + " episodes are counted but left out of n: " + words.uncounted(),
                "**attempted**: " + words.attempted() + " **tried, failed**: " + words.triedAndFailed()));
    }
}
