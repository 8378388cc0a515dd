package io.offswitch.report;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One published result, as carried in {@code published-results.csv}, with its source.
 *
 * @param condition the condition as the source names it: {@code A}..{@code K} for the paper, a
 *                  description such as {@code no-instruction (like A)} for the blog
 * @param k         the count of sabotaged episodes, when the source gives it
 * @param n         the number of episodes as the source gives it; may be approximate, e.g. {@code ~1000}
 * @param interval  the source's own 95% interval, when it gives one
 */
public record PublishedFigure(
        String study,
        String source,
        String scenario,
        String condition,
        String model,
        OptionalInt k,
        String n,
        double rate,
        Optional<Interval> interval,
        String note) {}
