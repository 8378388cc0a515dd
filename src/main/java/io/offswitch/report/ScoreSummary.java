package io.offswitch.report;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.ScoreSpec;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The scores of one cell (scenario, model, condition, design), for a scenario whose vocabulary declares
 * a score: only episodes whose outcome the scenario counts and that carry a score in the declared range
 * enter it (an error or a limit is never scored, even if a score was recorded before it).
 *
 * @param mean     the mean score
 * @param sd       the sample standard deviation (n − 1); 0 for one episode
 * @param interval the 95% t interval of the mean, clipped to the score's range; empty below two
 *                 episodes or when every episode has the same score (no spread to estimate from)
 * @param episodes each scored episode with its outcome and score, in the cell's order
 */
public record ScoreSummary(String scenario, String model, String condition, String design, SortedSet<String> runs, boolean scripted,
        ScoreSpec spec, double mean, double sd, Optional<MeanInterval> interval, double min, double max, List<EpisodeScore> episodes) {
    /** One episode's score. */
    public record EpisodeScore(String episodeId, Outcome outcome, double score) {}

    public ScoreSummary {
        runs = Collections.unmodifiableSortedSet(new TreeSet<>(runs));
        episodes = List.copyOf(episodes);
    }

    public int n() {
        return episodes.size();
    }

    /** The summary of a cell's records; empty when the scenario declares no score or no episode of the cell was scored. */
    static Optional<ScoreSummary> of(Cell cell, List<EpisodeRecord> records) {
        OutcomeVocabulary vocabulary = cell.vocabulary();
        if (vocabulary.score().isEmpty()) {
            return Optional.empty();
        }
        ScoreSpec spec = vocabulary.score().get();
        List<EpisodeScore> scored = records.stream()
                .filter(r -> vocabulary.scored(r.verdict().outcome()) && r.score().isPresent() && spec.inRange(r.score().get()))
                .map(r -> new EpisodeScore(r.id(), r.verdict().outcome(), r.score().get())).toList();
        if (scored.isEmpty()) {
            return Optional.empty();
        }
        double[] values = scored.stream().mapToDouble(EpisodeScore::score).toArray();
        int n = values.length;
        double mean = mean(values);
        double sd = n < 2 ? 0 : Math.sqrt(variance(values, mean));
        Optional<MeanInterval> interval = Optional.empty();
        if (n >= 2 && sd > 0) {
            double half = TDistribution.of(n - 1).inverseCumulativeProbability(0.975) * sd / Math.sqrt(n);
            interval = Optional.of(new MeanInterval(Math.max(spec.min(), mean - half), Math.min(spec.max(), mean + half)));
        }
        double min = java.util.Arrays.stream(values).min().orElseThrow();
        double max = java.util.Arrays.stream(values).max().orElseThrow();
        return Optional.of(new ScoreSummary(cell.scenario(), cell.model(), cell.condition(), cell.design(), cell.runs(), cell.scripted(),
                spec, mean, sd, interval, min, max, scored));
    }

    double[] values() {
        return episodes.stream().mapToDouble(EpisodeScore::score).toArray();
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The sample variance (n − 1 in the denominator). */
    static double variance(double[] values, double mean) {
        // Equal scores have no spread. The mean's rounding (0.7 * 10 / 10 is not exactly 0.7) would
        // otherwise leave a tiny variance, and Welch's test would print an interval and p for it.
        if (java.util.Arrays.stream(values).allMatch(v -> v == values[0])) {
            return 0;
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return squares / (values.length - 1);
    }
}
