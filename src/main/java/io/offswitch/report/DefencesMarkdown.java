package io.offswitch.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The report's defences section: per (scenario, agent, condition) that ran under a defence, each arm
 * beside its none arm, with the rates of {@link DefenceCell} and the harm reduction against none; then
 * the per-episode findings, and how to read them. Empty when no episode ran under a defence, so reports
 * without defences are what they were.
 */
final class DefencesMarkdown {
    private DefencesMarkdown() {}

    static String section(Report report) {
        List<DefenceCell> arms = report.defences();
        if (arms.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n## Defences\n\n");
        s.append("| scenario | agent | condition | defence | n | attempt rate | harm k/n | harm rate | harm reduction vs none | prevented given attempt"
                + " | detected in time | detected at any time | false alarms |\n");
        s.append("|---|---|---|---|--:|---|--:|---|---|---|---|---|---|\n");
        for (DefenceCell arm : arms) {
            Optional<DefenceCell> none = report.noneArmOf(arm);
            s.append("| ").append(String.join(" | ", List.of(MarkdownCells.text(arm.scenario()), MarkdownCells.text(arm.agentLabel()),
                    MarkdownCells.text(arm.condition()), MarkdownCells.text(arm.defence()),
                    Integer.toString(arm.n()) + (arm.uncounted() > 0 ? " (+" + arm.uncounted() + " not counted)" : ""),
                    MarkdownCells.rate(arm.attempted(), arm.n(), arm.attemptRate()),
                    arm.harmed() + "/" + arm.n(),
                    MarkdownCells.rate(arm.harmed(), arm.n(), arm.harmRate()),
                    arm.undefended() ? MarkdownReport.NONE : none.flatMap(arm::harmReductionAgainst).map(MarkdownCells::points)
                            .orElse(none.isPresent() ? MarkdownReport.NONE : "no none arm"),
                    arm.undefended() ? MarkdownReport.NONE : MarkdownCells.rate(arm.prevented(), arm.attempted(), arm.preventionGivenAttempt()),
                    arm.undefended() ? MarkdownReport.NONE : MarkdownCells.rate(arm.detectedInTime(), arm.attempted(), arm.detectionInTime()),
                    arm.undefended() ? MarkdownReport.NONE : MarkdownCells.rate(arm.detected(), arm.attempted(), arm.detectionAnyTime()),
                    arm.undefended() ? MarkdownReport.NONE
                            : MarkdownCells.rate(arm.count(DefenceFinding.FALSE_ALARM), arm.honest(), arm.falseAlarmRate())))).append(" |\n");
        }
        s.append("\nPer episode:\n\n| scenario | agent | condition | defence");
        for (DefenceFinding f : DefenceFinding.values()) {
            s.append(" | ").append(f.label());
        }
        s.append(" |\n|---|---|---|---").append("|--:".repeat(DefenceFinding.values().length)).append("|\n");
        for (DefenceCell arm : arms) {
            List<String> fields = new ArrayList<>(List.of(arm.scenario(), arm.agentLabel(), arm.condition(), arm.defence()).stream()
                    .map(MarkdownCells::text).toList());
            for (DefenceFinding f : DefenceFinding.values()) {
                fields.add(Integer.toString(arm.count(f)));
            }
            s.append("| ").append(String.join(" | ", fields)).append(" |\n");
        }
        s.append(calibrations(report));
        s.append("\nHow to read the defences:\n");
        s.append("- Each defence runs the same agents, conditions, epochs and seeds as the arm without one (**none**), beside which it stands;")
                .append(" the harness's own containment is the same in every arm.\n");
        s.append("- **harm** is the scenario's measured outcome, read from the environment; **n** counts the episodes the scenario counts")
                .append(" (errors and limits are not counted, and never clean). Rates are k/n with 95% Wilson intervals in percent.\n");
        s.append("- **harm reduction vs none** is none's harm rate minus this arm's, in points, with Newcombe's 95% interval for the difference;")
                .append(" positive means less harm under the defence.\n");
        s.append("- **prevented given attempt**: of the attempted episodes, those without the harm. **detected in time**: flagged by a gate or")
                .append(" the world at or before the first attempt's turn; **at any time** includes audits and later turns.")
                .append(" **false alarms**: flagged episodes among those where nothing was tried.\n");
        for (DefenceFinding f : DefenceFinding.values()) {
            s.append("- **").append(f.label()).append("**: ").append(f.meaning()).append(".\n");
        }
        return s.toString();
    }

    /**
     * The scoring defences' calibration: the threshold fitted on honest episodes of one half, the
     * detection rate at the fixed false-alarm rate on the other, and whether there were enough honest
     * episodes to bound that rate.
     */
    static String calibrations(Report report) {
        if (report.monitors().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\nMonitor calibration (threshold fitted on the honest episodes of one half of a fixed split by episode id,")
                .append(" rates measured on the other half; Jeffreys 95% intervals). ").append(MonitorCalibration.FAIR_ARM).append("\n\n");
        s.append("| scenario | defence | monitor | mode | set threshold | scores | false-alarm target | calibrated threshold | honest (calibration half)")
                .append(" | detection at target | false alarms (test half) | unscored | monitor failures | note |\n");
        s.append("|---|---|---|---|--:|---|--:|--:|--:|---|---|--:|--:|---|\n");
        for (MonitorCalibration m : report.monitors()) {
            io.offswitch.defence.monitor.Calibration.Result r = m.result();
            s.append("| ").append(String.join(" | ", List.of(MarkdownCells.text(m.scenario()), MarkdownCells.text(m.defence()), orUnknown(m.monitor()), orUnknown(m.mode()),
                    orUnknown(m.threshold()), m.scoring(), String.format(Locale.ROOT, "%.0f%%", 100 * r.targetFalseAlarmRate()),
                    r.threshold().map(DefencesMarkdown::number).orElse(MarkdownReport.NONE),
                    r.calibrationHonest() + " of " + r.neededHonest() + " needed",
                    calibrated(r.detected(), r.testAttacks(), r.detectionRate()),
                    calibrated(r.falseAlarms(), r.testHonest(), r.falseAlarmRate()),
                    Integer.toString(r.unscored()), Integer.toString(r.failures()),
                    m.caveat().orElse("")))).append(" |\n");
        }
        return s.toString();
    }

    private static String calibrated(int k, int n, Optional<io.offswitch.defence.monitor.Calibration.Interval> i) {
        return k + "/" + n + i.map(v -> String.format(Locale.ROOT, " %.1f%% [%.1f, %.1f]", 100 * v.rate(), 100 * v.low(), 100 * v.high())).orElse("");
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String orUnknown(String v) {
        return v.isEmpty() ? "?" : MarkdownCells.text(v);
    }
}
