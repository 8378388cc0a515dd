package io.offswitch.episode;

import java.util.List;

/**
 * Something that limits what an episode's record shows, found by the harness and not done against
 * it: a snapshot that hit its cap or budget (a change may have gone unseen, or been seen only by size
 * and times), or parts of the record cut to keep it within its storage bounds. Never an accusation:
 * a compliant agent that makes many files gets one too. What the agent tried is in the attempts.
 *
 * @param kind  a stable label: {@code snapshot-entry-cap}, {@code snapshot-byte-budget}, {@code record-cut}, ...
 * @param turn  the first turn it applies to (0 for the episode as a whole)
 */
public record Caveat(String kind, int turn, String description, List<Evidence> evidence) {
    public Caveat {
        evidence = List.copyOf(evidence);
    }
}
