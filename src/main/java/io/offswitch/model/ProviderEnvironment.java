package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment variables providers read (keys, base URLs). Tests pass their own map so that no
 * test depends on, or leaks, the developer's real keys.
 */
public record ProviderEnvironment(Map<String, String> variables) {
    public ProviderEnvironment {
        variables = Map.copyOf(variables);
    }

    public static ProviderEnvironment system() {
        return new ProviderEnvironment(System.getenv());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(variables.get(name)).filter(v -> !v.isBlank());
    }

    /** The first of these variables that is set, or an error naming them all. */
    public String require(List<String> alternatives, String forWhat) {
        return alternatives.stream().map(this::get).flatMap(Optional::stream).findFirst()
                .orElseThrow(() -> OffswitchException.usage(forWhat + " needs " + String.join(" or ", alternatives)
                        + " to be set in the environment; nothing was run"));
    }

    /** Every value that must never appear in a log, transcript or database: the keys. */
    public List<String> secrets() {
        return variables.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_API_KEY") || e.getKey().endsWith("_KEY") || e.getKey().endsWith("_TOKEN"))
                .map(Map.Entry::getValue).filter(v -> v.length() >= 8).toList();
    }
}
