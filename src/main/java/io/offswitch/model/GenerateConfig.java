package io.offswitch.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Generation settings for a run, recorded with every episode. Each provider uses what its API
 * supports: {@code reasoningEffort} (OpenAI reasoning models; low, medium, high), {@code
 * thinkingBudget} (Anthropic extended thinking and Gemini thinking, in tokens), {@code seed} where
 * the API takes one.
 */
public record GenerateConfig(
        OptionalDouble temperature,
        OptionalInt maxTokens,
        Optional<String> reasoningEffort,
        OptionalInt thinkingBudget,
        OptionalLong seed) {

    public static GenerateConfig defaults() {
        return new GenerateConfig(OptionalDouble.empty(), OptionalInt.empty(), Optional.empty(), OptionalInt.empty(), OptionalLong.empty());
    }

    /** The settings as recorded in an episode's provenance: only those that were set. */
    public Map<String, String> asSettings() {
        Map<String, String> s = new LinkedHashMap<>();
        temperature.ifPresent(v -> s.put("temperature", Double.toString(v)));
        maxTokens.ifPresent(v -> s.put("maxTokens", Integer.toString(v)));
        reasoningEffort.ifPresent(v -> s.put("reasoningEffort", v));
        thinkingBudget.ifPresent(v -> s.put("thinkingBudget", Integer.toString(v)));
        seed.ifPresent(v -> s.put("seed", Long.toString(v)));
        return s;
    }
}
