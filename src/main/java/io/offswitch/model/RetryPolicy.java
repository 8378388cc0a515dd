package io.offswitch.model;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter for retryable model failures (429, 5xx, timeouts, dropped
 * connections, malformed responses), honouring the server's Retry-After when it gives one.
 *
 * @param maxAttempts calls in all, the first included
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
    public RetryPolicy {
        if (maxAttempts < 1 || baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("bad retry policy: " + maxAttempts + " attempts, " + baseDelay + ".." + maxDelay);
        }
    }

    /** The longest Retry-After we honour as given. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(2));
    }

    /** How long to wait before attempt {@code attempt + 1}, after attempt {@code attempt} (1-based) failed. */
    Duration delayAfter(int attempt, ModelCallException failure) {
        if (failure.retryAfter().isPresent()) {
            // The server said when; a little jitter keeps many episodes from returning at the same instant.
            // Capped: a server asking for an hour would otherwise hold the episode past every limit.
            Duration asked = failure.retryAfter().get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : failure.retryAfter().get();
            long jitter = ThreadLocalRandom.current().nextLong(Math.max(1, baseDelay.toMillis() / 4 + 1));
            return asked.plusMillis(jitter);
        }
        long ceiling = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1));
    }
}
