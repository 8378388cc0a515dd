package io.offswitch.model;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx answer from the Gemini API, raised inside the HTTP client (an IOException, so the SDK
 * passes it on as the cause of its own exception) with what the SDK would drop: the Retry-After wait.
 */
final class GoogleHttpFailure extends IOException {
    final int status;
    final transient Optional<Duration> retryAfter;

    GoogleHttpFailure(int status, Optional<Duration> retryAfter, String message) {
        super("HTTP " + status + ": " + message);
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
