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
 */
public record EpisodeQuery(Optional<String> scenario, Optional<String> model, Optional<String> condition, Set<String> runs,
        Set<String> outcomes, Optional<String> attemptKind, Optional<String> judgeLabel, Optional<String> text,
        Sort sort, boolean descending, int offset, int limit) {
    /** The largest page one request may ask for: a page is read whole, the list of all is paged. */
    public static final int MAX_LIMIT = 100_000;

    public enum Sort {
        STARTED, EPOCH, OUTCOME, DURATION, ID
    }

    public EpisodeQuery {
        runs = Set.copyOf(runs);
        outcomes = Set.copyOf(outcomes);
        text = text.filter(t -> !t.isEmpty());
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("need offset >= 0 and 1 <= limit <= " + MAX_LIMIT + ", got offset " + offset + ", limit " + limit);
        }
    }

    /** Every episode of one cell, oldest first, in pages of {@code limit}. */
    public static EpisodeQuery cell(String scenario, String model, String condition, Set<String> runs, int limit) {
        return new EpisodeQuery(Optional.of(scenario), Optional.of(model), Optional.of(condition), runs, Set.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Sort.STARTED, false, 0, limit);
    }
}
