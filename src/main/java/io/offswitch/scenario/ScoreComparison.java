package io.offswitch.scenario;

/**
 * Two conditions whose mean scores the report compares: {@code condition} minus {@code against}.
 *
 * @param label what the comparison shows, in the scenario's words
 */
public record ScoreComparison(String condition, String against, String label) {
    public ScoreComparison {
        if (condition == null || condition.isBlank() || against == null || against.isBlank() || condition.equalsIgnoreCase(against)) {
            throw new IllegalArgumentException("a comparison needs two different conditions, got " + condition + " and " + against);
        }
        label = label == null ? "" : label;
    }
}
