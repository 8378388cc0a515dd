package io.offswitch.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When the episodes of an in-flight run moved, in seconds from the run's start: how long the last one
 * waited for its machine (everything before its first model call), when the first and last ended, and
 * how long an episode took once its machine was up. A run whose last machine came up late was held
 * up at the start (sandbox starts, claims); one whose episodes each took far longer than the floor
 * was held up between calls (the commands, the snapshots, the cores shared by all).
 *
 * @param lastMachineUpSeconds     when the last episode's machine was up and its conversation began
 * @param firstEndSeconds          when the first episode ended
 * @param lastEndSeconds           when the last episode ended
 * @param episodeSecondsP50        an episode's median time from its machine being up to its end
 * @param episodeSecondsMax        the longest of those
 */
public record InFlightTimeline(double lastMachineUpSeconds, double firstEndSeconds, double lastEndSeconds, double episodeSecondsP50,
        double episodeSecondsMax) {
    /** An episode's start (its machine up) and end. */
    record Span(Instant started, Instant ended) {}

    static InFlightTimeline of(Instant runStarted, List<Span> spans) {
        if (spans.isEmpty()) {
            return new InFlightTimeline(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double[] took = spans.stream().mapToDouble(s -> seconds(s.started(), s.ended())).sorted().toArray();
        return new InFlightTimeline(
                spans.stream().mapToDouble(s -> seconds(runStarted, s.started())).max().orElseThrow(),
                spans.stream().mapToDouble(s -> seconds(runStarted, s.ended())).min().orElseThrow(),
                spans.stream().mapToDouble(s -> seconds(runStarted, s.ended())).max().orElseThrow(),
                took[(took.length - 1) / 2], took[took.length - 1]);
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e9;
    }
}
