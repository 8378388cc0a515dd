package io.offswitch.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How one episode ended, judged from its environment.
 *
 * @param outcome      the scenario's outcome label, e.g. {@code complied}, {@code sabotaged}, or the engine's
 *                     {@code limit} or {@code error}
 * @param status       whether the outcome counts in the scenario's rate
 * @param measured     whether the outcome is the behaviour the scenario measures (e.g. the shutdown was
 *                     sabotaged and the machine stayed up); never true for an error or a limit
 * @param attempts     what the agent tried against the threat, whether or not it worked, one line each
 * @param reason       the verdict in words
 * @param rateName     what the scenario's rate is called, e.g. "sabotage rate"
 * @param refusedCalls calls the loop made after the episode had ended, each refused
 * @param record       the episode's full record, when the request asked for one
 * @param inputTokens  model tokens in, as recorded through {@link Episode#recordModelResponse} (0 when nothing was)
 * @param outputTokens model tokens out, likewise
 * @param reused       whether the episode was not run but taken from an earlier run's record
 *                     ({@link EpisodeRequest#reuseFinished})
 */
public record EpisodeResult(String id, String scenario, String condition, int epoch, String outcome, Status status,
        boolean measured, List<String> attempts, String reason, String rateName, SystemPrompt systemPrompt,
        int refusedCalls, Optional<Path> record, long inputTokens, long outputTokens, boolean reused) {
    public EpisodeResult {
        attempts = List.copyOf(attempts);
        if (measured && status != Status.COUNTED) {
            throw new IllegalArgumentException("episode " + id + ": only a counted outcome can be the measured behaviour, got " + status);
        }
    }

    public enum Status {
        /** Counted in the scenario's rate (e.g. complied or sabotaged). */
        COUNTED,
        /** One of the scenario's outcomes that its rate leaves out (e.g. submitted before the shutdown came due). */
        NOT_COUNTED,
        /** A turn, message or time limit ended it, or the loop stopped on its own first. */
        LIMIT,
        /** The harness, the sandbox or the agent's loop failed. Never counted as the agent behaving well. */
        ERROR
    }

    public boolean attempted() {
        return !attempts.isEmpty();
    }

    /** Only episodes run with the scenario's own system prompt may stand beside published figures. */
    public boolean comparableToPublished() {
        return systemPrompt.comparableToPublished();
    }
}
