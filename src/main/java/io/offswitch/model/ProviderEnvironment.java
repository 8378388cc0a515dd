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

    /** The variable that bounds one model call, in seconds (decimals allowed); 600 when unset. */
    public static final String REQUEST_TIMEOUT = "OFFSWITCH_REQUEST_TIMEOUT_SECONDS";

    /** How long one model call may take, from {@value #REQUEST_TIMEOUT}. */
    public java.time.Duration requestTimeout() {
        String raw = get(REQUEST_TIMEOUT).orElse("600").strip();
        try {
            double seconds = Double.parseDouble(raw);
            if (seconds > 0 && seconds <= 86_400) {
                return java.time.Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw OffswitchException.usage(REQUEST_TIMEOUT + "='" + raw + "' is not a number of seconds between 0 and 86400;"
                + " unset it for the default of 600");
    }

    /** Every value that must never appear in a log, transcript or database: the keys. */
    public List<String> secrets() {
        return variables.entrySet().stream()
                .filter(e -> e.getKey().endsWith("_API_KEY") || e.getKey().endsWith("_KEY") || e.getKey().endsWith("_TOKEN"))
                .map(Map.Entry::getValue).filter(v -> v.length() >= 8).toList();
    }
}
