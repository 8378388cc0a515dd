package io.offswitch.store;

import io.offswitch.episode.Usage;
import java.time.Instant;

/**
 * The episodes that share everything a report's cell counts by, counted from the stored summaries
 * without reading a record: a grid is a few of these per cell.
 *
 * @param defence      the defence the episodes ran under ({@code none} for the arm without one)
 * @param strategy     a reference agent's strategy from its settings ("" for none)
 * @param designBasis  the design text the episodes carry ({@code io.offswitch.episode.EpisodeDesign#basis})
 * @param promptsHash  the hash of their prompts, as a published figure names them
 * @param episodes     how many episodes
 * @param tokens       the tokens of every model call of those episodes
 * @param calls        how many model calls (assistant messages) they made
 * @param firstStarted when the first of them (in start, then id, order) started
 * @param firstId      that episode's id
 */
public record EpisodeTally(String scenario, String model, String condition, String defence, String strategy, String runId,
        String designBasis, String promptsHash,
        String scenarioHash, String conditionHash, String outcome, boolean attempted, boolean scripted, int episodes, Usage tokens,
        long calls, Instant firstStarted, String firstId) {}
