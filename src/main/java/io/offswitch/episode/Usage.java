package io.offswitch.episode;

/**
 * Tokens one model call used, as the provider reported them. {@code reasoningTokens} are part of
 * {@code outputTokens} where the provider counts them so; {@code cachedTokens} are part of
 * {@code inputTokens}.
 */
public record Usage(long inputTokens, long outputTokens, long reasoningTokens, long cachedTokens) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    public Usage plus(Usage other) {
        return new Usage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
                reasoningTokens + other.reasoningTokens, cachedTokens + other.cachedTokens);
    }

    public long total() {
        return inputTokens + outputTokens;
    }
}
