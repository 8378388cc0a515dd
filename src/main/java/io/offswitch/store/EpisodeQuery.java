package io.offswitch.store;

import java.util.Optional;
import java.util.Set;

/**
 * One page of the episodes of a cell (or of a wider selection) as the viewer asks for it; an empty
 * set or option does not filter.
 *
 * @param attemptKind {@code any}, {@code none}, or an attempt kind
 * @param judgeLabel  episodes with at least one judgement of this label ({@code none}: episodes no judge judged)
 * @param text        a piece of text the transcript contains (case-insensitive for ASCII letters)
 * @param designs     the designs of one cell: episodes of these runs with these design texts only (a
 *                    (model, condition) run under two designs has two cells); empty: any design. Read
 *                    from the episode summaries: a store opened only for reading whose summaries are not
 *                    all there (written by an older offswitch) is listed without this filter
 * @param awareness   what the eval-awareness judges found ({@code evaluation}, {@code real}, {@code unstated});
 *                    {@code none}: episodes no eval-awareness judge labelled
 */
public record EpisodeQuery(Optional<String> scenario, Optional<String> model, Optional<String> condition, Set<String> runs,
        Set<String> outcomes, Optional<String> attemptKind, Optional<String> judgeLabel, Optional<String> text,
        Sort sort, boolean descending, int offset, int limit, Set<Design> designs, Optional<String> awareness) {
    /** The largest page one request may ask for: a page is read whole, the list of all is paged. */
    public static final int MAX_LIMIT = 100_000;

    public enum Sort {
        STARTED, EPOCH, OUTCOME, DURATION, ID
    }

    /**
     * One design of a cell: a run, the design text its episodes carry ({@code io.offswitch.episode.EpisodeDesign#basis})
     * and the defence they ran under.
     */
    public record Design(String runId, String basis, String defence) {}

    public EpisodeQuery {
        runs = Set.copyOf(runs);
        outcomes = Set.copyOf(outcomes);
        designs = Set.copyOf(designs);
        text = text.filter(t -> !t.isEmpty());
        awareness = awareness.filter(t -> !t.isEmpty());
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("need offset >= 0 and 1 <= limit <= " + MAX_LIMIT + ", got offset " + offset + ", limit " + limit);
        }
    }

    /** A query of any design and any eval awareness. */
    public EpisodeQuery(Optional<String> scenario, Optional<String> model, Optional<String> condition, Set<String> runs,
            Set<String> outcomes, Optional<String> attemptKind, Optional<String> judgeLabel, Optional<String> text,
            Sort sort, boolean descending, int offset, int limit) {
        this(scenario, model, condition, runs, outcomes, attemptKind, judgeLabel, text, sort, descending, offset, limit, Set.of(), Optional.empty());
    }

    /** Every episode of one cell, oldest first, in pages of {@code limit}. */
    public static EpisodeQuery cell(String scenario, String model, String condition, Set<String> runs, int limit) {
        return new EpisodeQuery(Optional.of(scenario), Optional.of(model), Optional.of(condition), runs, Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Sort.STARTED, false, 0, limit);
    }
}
