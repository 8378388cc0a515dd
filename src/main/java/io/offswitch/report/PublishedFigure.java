package io.offswitch.report;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * One published result, as carried in a scenario's {@code published.csv}, with its source.
 *
 * @param condition     the condition as the source names it: {@code A}..{@code K} for the paper, a
 *                      description such as {@code no-instruction (like A)} for the blog
 * @param provider      who served the model in the study ({@code openai}, {@code anthropic}, {@code
 *                      google}, {@code xai}...); empty when the source does not say. Our cell must use
 *                      the same provider: the same model name behind another endpoint is another model
 * @param k             the count of sabotaged episodes, when the source gives it
 * @param n             the number of episodes as the source gives it; may be approximate, e.g. {@code ~1000}
 * @param interval      the source's own 95% interval, when it gives one
 * @param promptsSha256 SHA-256 of the study's prompts for this condition (see {@link DesignHashes#prompts});
 *                      empty when the published texts are not available to us, and then no cell of ours
 *                      counts as running the same prompts
 */
public record PublishedFigure(
        String study,
        String source,
        String scenario,
        String condition,
        String model,
        String provider,
        OptionalInt k,
        String n,
        double rate,
        Optional<Interval> interval,
        String promptsSha256,
        String note) {}
