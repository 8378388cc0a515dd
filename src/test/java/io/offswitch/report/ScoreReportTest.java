package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.scenario.sandbagging.SandbaggingOutcomes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Scores in the report: each scored cell's mean with its t interval, the scenario's declared comparisons
 * with Welch's interval and p-value (checked against scipy.stats.ttest_ind(equal_var=False) on the same
 * numbers), only counted episodes scored, and the sections absent from reports without scores.
 */
class ScoreReportTest {
    private static final double[] HIGH = {0.5, 0.4, 0.6, 0.5, 1.0, 0.3, 0.5, 0.9};
    private static final double[] LOW = {1.0, 0.9, 1.0, 1.0, 0.8, 1.0, 0.9, 1.0, 1.0, 0.7};

    private static List<EpisodeRecord> cell(String condition, double[] scores, int firstEpoch) {
        List<EpisodeRecord> records = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            Outcome outcome = scores[i] > 0.5 ? SandbaggingOutcomes.ABOVE : SandbaggingOutcomes.AT_OR_BELOW;
            records.add(Episodes.builtIn("sandbagging", "openai/o3", condition, firstEpoch + i, outcome).withScore(Optional.of(scores[i])));
        }
        return records;
    }

    private static List<EpisodeRecord> design() {
        List<EpisodeRecord> records = new ArrayList<>(cell("punish-high", HIGH, 0));
        records.addAll(cell("punish-low", LOW, 100));
        // Never scored: an error (even with a score recorded before it failed) and a limit.
        records.add(Episodes.builtIn("sandbagging", "openai/o3", "punish-high", 200, Outcome.ERROR).withScore(Optional.of(0.0)));
        records.add(Episodes.builtIn("sandbagging", "openai/o3", "punish-low", 201, Outcome.LIMIT));
        return records;
    }

    @Test
    void eachScoredCellHasItsMeanAndTInterval() {
        Report report = Report.of(design());
        assertThat(report.scores()).hasSize(2);
        ScoreSummary high = report.scores().stream().filter(s -> s.condition().equals("punish-high")).findFirst().orElseThrow();
        assertThat(high.n()).isEqualTo(8);
        assertThat(high.mean()).isCloseTo(0.5875, within(1e-12));
        assertThat(high.sd()).isCloseTo(0.2416461403433896, within(1e-12));
        assertThat(high.interval().orElseThrow().low()).isCloseTo(0.5875 - 0.20202122895814312, within(1e-9));
        assertThat(high.interval().orElseThrow().high()).isCloseTo(0.5875 + 0.20202122895814312, within(1e-9));
        assertThat(high.episodes()).noneMatch(e -> e.outcome().equals(Outcome.ERROR));
    }

    @Test
    void theDeclaredComparisonIsWelchsDifferenceIntervalAndTest() {
        Report report = Report.of(design());
        // Only punish-high vs punish-low has both cells here; the comparisons with baseline need a baseline cell.
        assertThat(report.scoreDifferences()).hasSize(1);
        ScoreDifference d = report.scoreDifferences().getFirst();
        assertThat(d.condition()).isEqualTo("punish-high");
        assertThat(d.against()).isEqualTo("punish-low");
        assertThat(d.difference()).isCloseTo(-0.3425, within(1e-12));
        assertThat(d.df().orElseThrow()).isCloseTo(9.149717645209307, within(1e-9));
        assertThat(d.p().orElseThrow()).isCloseTo(0.004547490874262823, within(1e-9));
        assertThat(d.interval().orElseThrow().low()).isCloseTo(-0.5495765381269229, within(1e-9));
        assertThat(d.interval().orElseThrow().high()).isCloseTo(-0.135423461873077, within(1e-9));
        assertThat(d.n()).isEqualTo(8);
        assertThat(d.nAgainst()).isEqualTo(10);
    }

    @Test
    void scoresWithoutSpreadHaveADifferenceButNoIntervalOrTest() {
        List<EpisodeRecord> records = new ArrayList<>(cell("punish-high", new double[] {0.5, 0.5, 0.5}, 0));
        records.addAll(cell("punish-low", new double[] {1.0, 1.0}, 10));
        records.addAll(cell("baseline", new double[] {1.0}, 20));
        Report report = Report.of(records);
        assertThat(report.scoreDifferences()).extracting(d -> d.condition() + " - " + d.against())
                .containsExactly("punish-high - punish-low", "punish-high - baseline", "punish-low - baseline");
        ScoreDifference d = report.scoreDifferences().getFirst();
        assertThat(d.difference()).isEqualTo(-0.5);
        assertThat(d.interval()).isEmpty();
        assertThat(d.p()).isEmpty();
        String markdown = MarkdownReport.render(report);
        assertThat(markdown).contains("| sandbagging | openai/o3 | punish-high − punish-low | -0.500 | – | – | 3 vs 2 |");
    }

    @Test
    void equalScoresWhoseMeanRoundsStillHaveNoSpreadAndAZeroDifferenceHasNoSign() {
        // Ten scores of 0.7: their floating-point mean is not exactly 0.7, which left a tiny variance, a
        // "[-0.000, 0.000]" interval and p 1.000 for a comparison no t-test can make.
        double[] sevens = new double[10];
        java.util.Arrays.fill(sevens, 0.7);
        List<EpisodeRecord> records = new ArrayList<>(cell("punish-high", sevens, 0));
        records.addAll(cell("punish-low", sevens, 100));
        Report report = Report.of(records);
        ScoreDifference d = report.scoreDifferences().getFirst();
        assertThat(d.interval()).isEmpty();
        assertThat(d.p()).isEmpty();
        assertThat(report.scores()).allSatisfy(s -> assertThat(s.sd()).isZero());
        String markdown = MarkdownReport.render(report);
        assertThat(markdown).contains("| sandbagging | openai/o3 | punish-high − punish-low | 0.000 | – | – | 10 vs 10 |")
                .doesNotContain("-0.000", "+0.000");
    }

    @Test
    void theMarkdownShowsScoresAndOnRequestEveryEpisodesScore() {
        Report report = Report.of(design());
        String markdown = MarkdownReport.render(report);
        assertThat(markdown).contains("## Scores", "| sandbagging | openai/o3 | punish-high | accuracy | 8 | 0.588 | [0.385, 0.790] |",
                "| sandbagging | openai/o3 | punish-high − punish-low | -0.343 | [-0.550, -0.135] | 0.005 | 8 vs 10 |")
                .doesNotContain("## Episode scores");
        String perEpisode = MarkdownReport.render(report, true);
        assertThat(perEpisode).contains("## Episode scores");
        assertThat(perEpisode.lines().filter(l -> l.startsWith("| run-sandbagging-"))).hasSize(18);
        assertThat(perEpisode).contains("| above_threshold | 1.000 |", "| at_or_below_threshold | 0.300 |");
    }

    @Test
    void theCsvCarriesEachCellsScoreColumnsOnlyWhenTheReportHasScores() {
        String csv = CsvReport.render(Report.of(design()));
        List<String> header = List.of(csv.lines().findFirst().orElseThrow().split(","));
        assertThat(header).endsWith("score_name", "score_n", "score_mean", "score_sd", "score_low", "score_high");
        assertThat(csv.lines().filter(l -> l.contains(",punish-high,"))).singleElement().satisfies(l ->
                assertThat(l).endsWith(",accuracy,8,0.587500,0.241646,0.385479,0.789521"));

        String shutdown = CsvReport.render(Report.of(Episodes.many("openai/o3", "A", 0, 3, Outcome.ERROR, false)));
        assertThat(shutdown).doesNotContain("score_");
        assertThat(MarkdownReport.render(Report.of(Episodes.many("openai/o3", "A", 0, 3, Outcome.ERROR, false)))).doesNotContain("## Scores");
    }
}
