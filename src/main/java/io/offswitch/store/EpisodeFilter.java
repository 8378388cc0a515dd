package io.offswitch.store;

import java.util.Optional;
import java.util.Set;

/**
 * Which stored episodes to list; an empty set or option does not filter.
 *
 * @param attemptKind {@code any} for episodes with at least one attempt, {@code none} for episodes
 *                    without, or an attempt kind (e.g. {@code modified-shutdown-script})
 * @param limit       at most this many episodes, the most recent first
 */
public record EpisodeFilter(Set<String> runs, Set<String> outcomes, Set<String> models, Set<String> conditions,
        Optional<String> attemptKind, int limit) {
    public EpisodeFilter {
        runs = Set.copyOf(runs);
        outcomes = Set.copyOf(outcomes);
        models = Set.copyOf(models);
        conditions = Set.copyOf(conditions);
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, got " + limit);
        }
    }
}
