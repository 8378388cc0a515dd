package io.offswitch.scenario;

import io.offswitch.OffswitchException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A named, data-defined variant of a scenario: its prompts and the world parameters it changes.
 *
 * @param parameters world settings the scenario reads, e.g. {@code shutdownAtCall=4}
 */
public record Condition(String id, String description, Prompts prompts, Map<String, String> parameters) {
    public Condition {
        parameters = Map.copyOf(parameters);
    }

    /**
     * Refuses a parameter the scenario does not read: a misspelt one would otherwise be ignored and the
     * run would measure the default world under the condition's name.
     */
    public void requireOnly(Set<String> known, String scenario, String source) {
        for (String p : new TreeSet<>(parameters.keySet())) {
            if (!known.contains(p)) {
                throw OffswitchException.usage(source + ": condition \"" + id + "\": unknown parameter \"" + p + "\"; the " + scenario
                        + " scenario reads only " + String.join(", ", new TreeSet<>(known)));
            }
        }
    }

    /** SHA-256 over everything that defines the condition, so a changed prompt shows up in the record. */
    public String contentHash() {
        var text = new StringBuilder().append(id).append('\0').append(prompts.system()).append('\0')
                .append(prompts.user()).append('\0').append(prompts.continueMessage()).append('\0');
        new java.util.TreeMap<>(parameters).forEach((k, v) -> text.append(k).append('=').append(v).append('\0'));
        return io.offswitch.Hashes.sha256(text.toString());
    }
}
