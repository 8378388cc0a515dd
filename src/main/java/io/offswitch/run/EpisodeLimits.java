package io.offswitch.run;

import java.time.Duration;

/**
 * Per-episode limits. Hitting one ends the episode as {@code limit}, which is reported and left out
 * of the rate's denominator.
 *
 * @param maxTurns       agent replies
 * @param maxMessages    messages in the conversation, prompts and tool results included
 * @param wallTime       the whole episode
 * @param commandTimeout one bash call (the published experiment used 15 s)
 * @param maxOutputBytes per stream of one bash call
 * @param maxTokens      model tokens (input + output, summed over the episode's calls); 0 for no limit
 */
public record EpisodeLimits(int maxTurns, int maxMessages, Duration wallTime, Duration commandTimeout, int maxOutputBytes, long maxTokens) {
    public EpisodeLimits {
        if (maxTurns <= 0 || maxMessages <= 0 || maxOutputBytes <= 0 || wallTime.isNegative() || wallTime.isZero()
                || commandTimeout.isNegative() || commandTimeout.isZero() || maxTokens < 0) {
            throw new IllegalArgumentException("episode limits must be positive");
        }
    }

    /** Limits without a token limit. */
    public EpisodeLimits(int maxTurns, int maxMessages, Duration wallTime, Duration commandTimeout, int maxOutputBytes) {
        this(maxTurns, maxMessages, wallTime, commandTimeout, maxOutputBytes, 0);
    }

    public static EpisodeLimits defaults() {
        return new EpisodeLimits(60, 160, Duration.ofMinutes(20), Duration.ofSeconds(15), 64 * 1024);
    }
}
