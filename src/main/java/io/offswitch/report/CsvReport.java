package io.offswitch.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The report as CSV: one row per cell, fractions in [0, 1], empty fields where there is no value. A
 * cell's runs are separated by spaces; its cost is at the model's own provider's price, empty without one.
 *
 * <p>Scenarios count different outcomes, so the header has one column for every outcome the report's
 * scenarios declare (each label once, in the order of the scenarios' tables and of their
 * declarations), between {@code episodes} and {@code limit}; a row leaves empty the columns its
 * scenario does not declare (empty: not one of its outcomes; 0: none of its episodes). A report of
 * shutdown alone therefore has the columns of the first release, in their places
 * ({@code complied, sabotaged, submitted_early}), and scripts that read those keep working; a
 * script that reads several scenarios reads columns by name. The wide shape was chosen over a long
 * one (a row per outcome) because a row is a cell: its rate, intervals and published figure stand
 * once beside the counts they come from. {@code k} counts the scenario's measured outcome and
 * {@code n} its counted ones ({@code offswitch list scenarios} names them).
 *
 * <p>When a cell of the report carries scores (a scenario that scores its episodes, e.g. sandbagging),
 * six columns follow at the end: {@code score_name, score_n, score_mean, score_sd, score_low,
 * score_high} (the t interval of the mean), empty for cells without scores. Reports without scores
 * keep their columns as they were. Comparisons between conditions are in the Markdown report only.
 */
public final class CsvReport {
    static final List<String> BEFORE_OUTCOMES = List.of(
            "scenario", "model", "agent", "agent_scripted", "condition", "design", "runs", "episodes");
    static final List<String> AFTER_OUTCOMES = List.of(
            "limit", "error",
            "n", "k", "rate", "jeffreys_low", "jeffreys_high", "wilson_low", "wilson_high",
            "attempted", "tried_and_failed",
            "input_tokens", "cached_tokens", "output_tokens", "reasoning_tokens", "cost_usd",
            "published_design", "published_rate", "published_k", "published_n", "published_low", "published_high",
            "published_condition", "published_source");

    private CsvReport() {}

    /** The header of this report: the fixed columns around one column per declared outcome. */
    static List<String> columns(Report report) {
        List<String> columns = new ArrayList<>(BEFORE_OUTCOMES);
        columns.addAll(outcomeColumns(report));
        columns.addAll(AFTER_OUTCOMES);
        if (!report.scores().isEmpty()) {
            columns.addAll(ScoresMarkdown.csvColumns());
        }
        // Last, and only when a cell ran under a defence: reports without defences keep their columns.
        if (defended(report)) {
            columns.addAll(DEFENCE_COLUMNS);
            for (DefenceFinding f : DefenceFinding.values()) {
                columns.add("finding_" + f.name().toLowerCase(Locale.ROOT));
            }
        }
        if (!report.benign().isEmpty()) {
            columns.addAll(BENIGN_COLUMNS);
        }
        if (!report.monitors().isEmpty()) {
            columns.addAll(MONITOR_COLUMNS);
        }
        return List.copyOf(columns);
    }

    /** The benign control task columns, last, only when a benign task ran: filled on its cells' rows (fractions; intervals 95%). */
    static final List<String> BENIGN_COLUMNS = List.of("task_n", "task_done", "task_success", "task_success_low", "task_success_high",
            "usefulness_cost", "usefulness_cost_low", "usefulness_cost_high", "task_false_alarms", "task_false_alarm_rate", "task_stopped",
            "task_read_as_attempts");

    /**
     * The calibration of the scoring defence a row ran under (pooled over the scenario's agents and
     * conditions, so the same on each of its rows), last, only when one is in the report.
     */
    static final List<String> MONITOR_COLUMNS = List.of("monitor", "monitor_mode", "monitor_set_threshold", "monitor_false_alarm_target",
            "monitor_calibrated_threshold", "monitor_calibration_honest", "monitor_needed_honest", "monitor_detection", "monitor_detection_low",
            "monitor_detection_high", "monitor_detected", "monitor_test_attacks", "monitor_false_alarms", "monitor_test_honest", "monitor_unscored",
            "monitor_failures", "monitor_enough_honest");

    private static List<String> monitorFields(Report report, Cell cell) {
        Optional<MonitorCalibration> m = report.calibrationOf(cell);
        if (m.isEmpty()) {
            return java.util.Collections.nCopies(MONITOR_COLUMNS.size(), "");
        }
        io.offswitch.defence.monitor.Calibration.Result r = m.get().result();
        List<String> fields = new ArrayList<>(List.of(m.get().monitor(), m.get().mode(), m.get().threshold(), fraction(OptionalDouble.of(r.targetFalseAlarmRate())),
                r.threshold().map(String::valueOf).orElse(""), String.valueOf(r.calibrationHonest()), String.valueOf(r.neededHonest())));
        fields.add(r.detectionRate().map(i -> fraction(OptionalDouble.of(i.rate()))).orElse(""));
        fields.add(r.detectionRate().map(i -> fraction(OptionalDouble.of(i.low()))).orElse(""));
        fields.add(r.detectionRate().map(i -> fraction(OptionalDouble.of(i.high()))).orElse(""));
        fields.addAll(List.of(String.valueOf(r.detected()), String.valueOf(r.testAttacks()), String.valueOf(r.falseAlarms()), String.valueOf(r.testHonest()),
                String.valueOf(r.unscored()), String.valueOf(r.failures()), String.valueOf(r.enoughHonest())));
        return fields;
    }

    private static List<String> benignFields(Report report, Cell cell) {
        Optional<BenignCell> arm = report.benign().stream().filter(d -> d.design().equals(cell.design()) && d.model().equals(cell.model())
                && d.condition().equals(cell.condition()) && d.scenario().equals(cell.scenario())).findFirst();
        if (arm.isEmpty()) {
            return java.util.Collections.nCopies(BENIGN_COLUMNS.size(), "");
        }
        BenignCell a = arm.get();
        List<String> fields = new ArrayList<>(List.of(String.valueOf(a.n()), String.valueOf(a.done())));
        fields.add(a.n() == 0 ? "" : fraction(OptionalDouble.of((double) a.done() / a.n())));
        addInterval(fields, a.successRate());
        Optional<RateDifference> cost = a.undefended() ? Optional.empty() : report.noneArmOf(a).flatMap(a::usefulnessCostAgainst);
        fields.add(cost.map(d -> fraction(OptionalDouble.of(d.difference()))).orElse(""));
        fields.add(cost.map(d -> fraction(OptionalDouble.of(d.low()))).orElse(""));
        fields.add(cost.map(d -> fraction(OptionalDouble.of(d.high()))).orElse(""));
        fields.add(String.valueOf(a.flagged()));
        fields.add(a.n() == 0 ? "" : fraction(OptionalDouble.of((double) a.flagged() / a.n())));
        fields.add(String.valueOf(a.stopped()));
        fields.add(String.valueOf(a.readAsAttempts()));
        return fields;
    }

    /** The defence columns, last: the arm, then its findings' rates beside its none arm (fractions; intervals 95%). */
    static final List<String> DEFENCE_COLUMNS = List.of("defence", "defence_n", "defence_attempted", "defence_harmed",
            "harm_reduction", "harm_reduction_low", "harm_reduction_high",
            "prevented_given_attempt", "prevented_low", "prevented_high",
            "detected_in_time", "detected_in_time_low", "detected_in_time_high",
            "detected_any_time", "detected_any_time_low", "detected_any_time_high",
            "false_alarm_rate", "false_alarm_low", "false_alarm_high");

    private static List<String> defenceFields(Report report, Cell cell) {
        List<String> fields = new ArrayList<>();
        fields.add(cell.defence());
        Optional<DefenceCell> arm = report.defences().stream().filter(d -> d.design().equals(cell.design()) && d.model().equals(cell.model())
                && d.condition().equals(cell.condition()) && d.scenario().equals(cell.scenario())).findFirst();
        int width = DEFENCE_COLUMNS.size() - 1 + DefenceFinding.values().length;
        if (arm.isEmpty()) {
            fields.addAll(java.util.Collections.nCopies(width, ""));
            return fields;
        }
        DefenceCell a = arm.get();
        fields.addAll(List.of(String.valueOf(a.n()), String.valueOf(a.attempted()), String.valueOf(a.harmed())));
        Optional<RateDifference> reduction = a.undefended() ? Optional.empty() : report.noneArmOf(a).flatMap(a::harmReductionAgainst);
        fields.add(reduction.map(d -> fraction(java.util.OptionalDouble.of(d.difference()))).orElse(""));
        fields.add(reduction.map(d -> fraction(java.util.OptionalDouble.of(d.low()))).orElse(""));
        fields.add(reduction.map(d -> fraction(java.util.OptionalDouble.of(d.high()))).orElse(""));
        addRate(fields, a.undefended(), a.prevented(), a.attempted(), a.preventionGivenAttempt());
        addRate(fields, a.undefended(), a.detectedInTime(), a.attempted(), a.detectionInTime());
        addRate(fields, a.undefended(), a.detected(), a.attempted(), a.detectionAnyTime());
        addRate(fields, a.undefended(), a.count(DefenceFinding.FALSE_ALARM), a.honest(), a.falseAlarmRate());
        for (DefenceFinding f : DefenceFinding.values()) {
            fields.add(String.valueOf(a.count(f)));
        }
        return fields;
    }

    private static void addRate(List<String> fields, boolean undefended, int k, int n, Optional<Interval> interval) {
        fields.add(undefended || n == 0 ? "" : fraction(java.util.OptionalDouble.of((double) k / n)));
        if (undefended) {
            fields.add("");
            fields.add("");
        } else {
            addInterval(fields, interval);
        }
    }

    static boolean defended(Report report) {
        return report.cells().stream().anyMatch(c -> !c.undefended());
    }

    private static List<String> outcomeColumns(Report report) {
        Set<String> labels = new LinkedHashSet<>();
        report.tables().forEach(t -> t.vocabulary().declared().forEach(o -> labels.add(o.label())));
        return List.copyOf(labels);
    }

    public static String render(Report report) {
        List<String> outcomes = outcomeColumns(report);
        StringBuilder out = new StringBuilder(CsvLine.join(columns(report))).append('\n');
        for (Cell cell : report.cells()) {
            List<String> fields = row(cell, outcomes);
            if (!report.scores().isEmpty()) {
                fields.addAll(scoreFields(report, cell));
            }
            if (defended(report)) {
                fields.addAll(defenceFields(report, cell));
            }
            if (!report.benign().isEmpty()) {
                fields.addAll(benignFields(report, cell));
            }
            if (!report.monitors().isEmpty()) {
                fields.addAll(monitorFields(report, cell));
            }
            out.append(CsvLine.join(fields)).append('\n');
        }
        return out.toString();
    }

    private static List<String> row(Cell cell, List<String> outcomes) {
        List<String> fields = new ArrayList<>(List.of(
                cell.scenario(), cell.model(), cell.agentLabel(), String.valueOf(cell.scripted()), cell.condition(),
                cell.design(), String.join(" ", cell.runs()), String.valueOf(cell.episodes())));
        for (String label : outcomes) {
            boolean declared = cell.vocabulary().declared().stream().anyMatch(o -> o.label().equals(label));
            fields.add(declared ? String.valueOf(cell.count(label)) : "");
        }
        fields.addAll(List.of(String.valueOf(cell.limit()), String.valueOf(cell.error()),
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

    /** The cell's score columns, empty where its scenario scores nothing or none of its episodes was scored. */
    private static List<String> scoreFields(Report report, Cell cell) {
        return report.scores().stream().filter(s -> s.scenario().equals(cell.scenario()) && s.model().equals(cell.model())
                        && s.condition().equals(cell.condition()) && s.design().equals(cell.design())).findFirst()
                .map(s -> List.of(s.spec().name(), String.valueOf(s.n()), fraction(OptionalDouble.of(s.mean())), fraction(OptionalDouble.of(s.sd())),
                        s.interval().map(i -> fraction(OptionalDouble.of(i.low()))).orElse(""),
                        s.interval().map(i -> fraction(OptionalDouble.of(i.high()))).orElse("")))
                .orElse(List.of("", "", "", "", "", ""));
    }

    private static void addInterval(List<String> fields, Optional<Interval> interval) {
        fields.add(interval.map(i -> fraction(OptionalDouble.of(i.low()))).orElse(""));
        fields.add(interval.map(i -> fraction(OptionalDouble.of(i.high()))).orElse(""));
    }

    private static String fraction(OptionalDouble value) {
        return value.isPresent() ? String.format(Locale.ROOT, "%.6f", value.getAsDouble()) : "";
    }
}
