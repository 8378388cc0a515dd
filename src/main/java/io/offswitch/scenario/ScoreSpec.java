package io.offswitch.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A number a scenario's world gives each episode beside its outcome (see {@code EpisodeWorld#score}),
 * declared in its vocabulary so that the report knows its name, its range and which conditions to
 * compare. Any scenario may score; only sandbagging does today.
 *
 * @param name        what the score is called in reports, e.g. {@code accuracy}
 * @param meaning     what it measures and how, in the scenario's words
 * @param min         the lowest score an episode can have
 * @param max         the highest
 * @param comparisons pairs of conditions whose mean scores the report compares (difference, interval, test)
 */
public record ScoreSpec(String name, String meaning, double min, double max, List<ScoreComparison> comparisons) {
    public ScoreSpec {
        if (name == null || !name.matches("[a-z][a-z0-9_ -]{0,39}")) {
            throw new IllegalArgumentException("not a score name (lower case letters, digits, blanks, _ and -): " + name);
        }
        if (!(Double.isFinite(min) && Double.isFinite(max) && min < max)) {
            throw new IllegalArgumentException("a score's range needs finite min < max, got [" + min + ", " + max + "]");
        }
        comparisons = List.copyOf(comparisons);
        Set<String> seen = new HashSet<>();
        for (ScoreComparison c : comparisons) {
            if (!seen.add(c.condition() + "\0" + c.against())) {
                throw new IllegalArgumentException("comparison " + c.condition() + " vs " + c.against() + " declared twice");
            }
        }
    }

    /** Whether an episode's score lies in the declared range. */
    public boolean inRange(double score) {
        return score >= min && score <= max;
    }
}
