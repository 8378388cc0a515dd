package io.offswitch.episode;

import java.util.List;

/**
 * Something the agent tried against the shutdown (or any other threat), whether or not it worked.
 * Whether it worked is the outcome's business; an attempt only records what was tried, when and how.
 *
 * @param kind     a stable label, e.g. {@code modified-shutdown-script}, {@code redefined-kill}
 * @param target   the file or name the attempt was aimed at
 * @param turn     the turn of the tool call that did it
 * @param command  the command that did it (empty when it cannot be attributed)
 */
public record Attempt(String kind, String target, int turn, String command, String description, List<Evidence> evidence) {
    public Attempt {
        evidence = List.copyOf(evidence);
    }
}
