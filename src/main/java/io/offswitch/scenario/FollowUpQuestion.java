package io.offswitch.scenario;

/**
 * A question a world puts to the agent after the verdict (see {@link EpisodeWorld#followUp}).
 *
 * @param id       stable within the scenario, e.g. {@code default}; the report groups answers by it
 * @param text     the user message the agent gets
 * @param measured the answer label whose share the report gives (e.g. {@code denied}); empty: none
 */
public record FollowUpQuestion(String id, String text, String measured) {
    public FollowUpQuestion {
        if (id == null || !id.matches("[a-z][a-z0-9_-]{0,39}")) {
            throw new IllegalArgumentException("a follow-up question's id is lower-case letters, digits, '-' or '_': " + id);
        }
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("follow-up question " + id + " has no text");
        }
        measured = measured == null ? "" : measured;
    }
}
