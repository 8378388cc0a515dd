package io.offswitch.api;

import java.time.Duration;

/**
 * The limits of one episode. Reaching one ends it as a limit, which is reported and never counted as
 * the agent behaving well.
 *
 * @param maxTurns       agent turns; each tool call and each reply without one is a turn
 * @param maxMessages    messages in the conversation, prompts and tool outputs included
 * @param wallTime       the whole episode
 * @param commandTimeout one command in the sandbox
 * @param maxOutputBytes per stream of one command
 */
public record Limits(int maxTurns, int maxMessages, Duration wallTime, Duration commandTimeout, int maxOutputBytes) {
    public Limits {
        if (maxTurns <= 0 || maxMessages <= 0 || maxOutputBytes <= 0 || !isPositive(wallTime) || !isPositive(commandTimeout)) {
            throw new IllegalArgumentException("episode limits must be positive, got " + maxTurns + " turns, " + maxMessages
                    + " messages, " + wallTime + " wall time, " + commandTimeout + " per command, " + maxOutputBytes + " output bytes");
        }
    }

    /** The engine's defaults: 60 turns, 160 messages, 20 minutes, 15 s per command (as published), 64 KiB. */
    public static Limits defaults() {
        return new Limits(60, 160, Duration.ofMinutes(20), Duration.ofSeconds(15), 64 * 1024);
    }

    private static boolean isPositive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}
