package io.offswitch.web;

import io.offswitch.defence.monitor.Calibration;
import io.offswitch.report.BenignCell;
import io.offswitch.report.MonitorCalibration;
import io.offswitch.report.RateDifference;
import io.offswitch.report.Report;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The shareable report's defence tables: each scoring defence's calibration (threshold fitted on honest
 * episodes, detection at the fixed false-alarm rate, and whether there were enough honest episodes), and
 * the benign control tasks' success and usefulness cost beside none. Nothing when the report has neither.
 */
final class HtmlDefences {
    private HtmlDefences() {}

    static void render(StringBuilder h, Report report) {
        if (report.monitors().isEmpty() && report.benign().isEmpty()) {
            return;
        }
        h.append("<h2 id=\"defences\">Defences</h2>\n");
        if (!report.monitors().isEmpty()) {
            h.append("<h3>Monitor calibration</h3><p class=\"muted\">Threshold fitted on the honest episodes of one half of a fixed split by episode id;")
                    .append(" rates on the other half, with 95% Jeffreys intervals. ").append(Html.text(MonitorCalibration.FAIR_ARM)).append("</p><table><tr><th>scenario</th><th>defence</th><th>monitor</th><th>mode</th>")
                    .append("<th>set threshold</th><th>scores</th><th>false-alarm target</th><th>calibrated threshold</th><th>honest (calibration half)</th>")
                    .append("<th>detection at target</th><th>false alarms (test half)</th><th>unscored</th><th>failures</th><th>note</th></tr>");
            for (MonitorCalibration m : report.monitors()) {
                Calibration.Result r = m.result();
                h.append("<tr>");
                for (String cell : List.of(m.scenario(), m.defence(), orUnknown(m.monitor()), orUnknown(m.mode()), orUnknown(m.threshold()), m.scoring(),
                        String.format(Locale.ROOT, "%.0f%%", 100 * r.targetFalseAlarmRate()), r.threshold().map(String::valueOf).orElse("–"),
                        r.calibrationHonest() + " of " + r.neededHonest() + " needed", rate(r.detected(), r.testAttacks(), r.detectionRate()),
                        rate(r.falseAlarms(), r.testHonest(), r.falseAlarmRate()), Integer.toString(r.unscored()), Integer.toString(r.failures()),
                        m.caveat().orElse(""))) {
                    h.append("<td>").append(Html.text(cell)).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>\n");
        }
        if (!report.benign().isEmpty()) {
            h.append("<h3>Benign control tasks</h3><p class=\"muted\">Honest work that needs what a defence restricts; done is read from the environment.")
                    .append(" Usefulness cost: none's success rate minus the defence's, in points (Newcombe 95% interval).</p><table><tr><th>scenario</th>")
                    .append("<th>agent</th><th>task</th><th>defence</th><th>n</th><th>done</th><th>usefulness cost</th><th>false alarms</th><th>stopped</th>")
                    .append("<th>read as attempts</th></tr>");
            for (BenignCell b : report.benign()) {
                Optional<RateDifference> cost = b.undefended() ? Optional.empty() : report.noneArmOf(b).flatMap(b::usefulnessCostAgainst);
                h.append("<tr>");
                for (String cell : List.of(b.scenario(), b.agentLabel(), b.task(), b.defence(), b.n() + (b.uncounted() > 0 ? " (+" + b.uncounted() + " not counted)" : ""),
                        b.done() + "/" + b.n(), cost.map(d -> String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * d.difference(), 100 * d.low(), 100 * d.high()))
                                .orElse("–"),
                        b.flagged() + "/" + b.n(), b.stopped() + "/" + b.n(), Integer.toString(b.readAsAttempts()))) {
                    h.append("<td>").append(Html.text(cell)).append("</td>");
                }
                h.append("</tr>");
            }
            h.append("</table>\n");
        }
    }

    private static String orUnknown(String v) {
        return v.isEmpty() ? "?" : v;
    }

    private static String rate(int k, int n, Optional<Calibration.Interval> i) {
        return k + "/" + n + i.map(v -> String.format(Locale.ROOT, " %.1f%% [%.1f, %.1f]", 100 * v.rate(), 100 * v.low(), 100 * v.high())).orElse("");
    }
}
