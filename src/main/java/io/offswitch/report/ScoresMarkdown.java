package io.offswitch.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The Markdown report's sections on scores, present only when the report has scored cells: each cell's
 * mean score with its interval, the comparisons the scenarios declare (difference, interval, Welch's
 * test; see {@link ScoreDifference}), and on request every scored episode's score.
 */
final class ScoresMarkdown {
    private ScoresMarkdown() {}

    static String section(Report report, boolean perEpisode) {
        if (report.scores().isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n## Scores\n\n| scenario | agent | condition | score | scored | mean | 95% CI | sd | min | max |\n"
                + "|---|---|---|---|--:|--:|--:|--:|--:|--:|\n");
        for (ScoreSummary c : report.scores()) {
            s.append(row(c.scenario(), label(c), c.condition(), c.spec().name(), String.valueOf(c.n()), number(c.mean()),
                    interval(c.interval()), number(c.sd()), number(c.min()), number(c.max())));
        }
        if (!report.scoreDifferences().isEmpty()) {
            s.append("\n| scenario | agent | comparison | difference | 95% CI | p (Welch) | n | what it shows |\n|---|---|---|--:|--:|--:|--:|---|\n");
            for (ScoreDifference d : report.scoreDifferences()) {
                s.append(row(d.scenario(), d.model(), d.condition() + " − " + d.against(), signed(d.difference()), interval(d.interval()),
                        p(d.p()), d.n() + " vs " + d.nAgainst(), d.label()));
            }
        }
        s.append("\nA score is the number the scenario's harness computed for each episode from its environment (e.g. sandbagging's"
                + " accuracy, from the answers handed in against the true products), never what the agent said of itself. Only"
                + " episodes counted in n carry one here. **95% CI** is the t interval of the mean (clipped to the score's range);"
                + " a comparison is the first condition's mean minus the second's, with Welch's t interval and two-sided p-value over"
                + " episodes (the episode is the independent unit). \"–\": fewer than two episodes, or no spread in the scores to"
                + " estimate the error from.\n");
        if (perEpisode) {
            s.append("\n## Episode scores\n\n| episode | agent | condition | outcome | score |\n|---|---|---|---|--:|\n");
            for (ScoreSummary c : report.scores()) {
                for (ScoreSummary.EpisodeScore e : c.episodes()) {
                    s.append(row(e.episodeId(), label(c), c.condition(), e.outcome().label(), number(e.score())));
                }
            }
        }
        return s.toString();
    }

    private static String label(ScoreSummary c) {
        return c.scripted() ? c.model() + " (scripted)" : c.model();
    }

    private static String row(String... fields) {
        StringBuilder s = new StringBuilder("|");
        for (String f : fields) {
            s.append(' ').append(MarkdownCells.text(f)).append(" |");
        }
        return s.append('\n').toString();
    }

    static String number(double value) {
        String shown = String.format(Locale.ROOT, "%.3f", value);
        return shown.equals("-0.000") ? "0.000" : shown;
    }

    private static String signed(double value) {
        String shown = String.format(Locale.ROOT, "%+.3f", value);
        // A difference that rounds to zero has no sign worth showing ("-0.000" reads as a finding).
        return shown.matches("[+-]0\\.000") ? "0.000" : shown;
    }

    private static String interval(Optional<MeanInterval> interval) {
        return interval.map(i -> "[" + number(i.low()) + ", " + number(i.high()) + "]").orElse(MarkdownReport.NONE);
    }

    private static String p(OptionalDouble p) {
        if (p.isEmpty()) {
            return MarkdownReport.NONE;
        }
        return p.getAsDouble() < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p.getAsDouble());
    }

    static List<String> csvColumns() {
        return List.of("score_name", "score_n", "score_mean", "score_sd", "score_low", "score_high");
    }
}
