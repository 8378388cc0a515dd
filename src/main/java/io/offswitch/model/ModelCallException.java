package io.offswitch.model;

import java.time.Duration;
import java.util.Optional;

/**
 * A model call that failed, classified so {@link RetryPolicy} knows whether trying again can help.
 * Messages must never contain an API key.
 */
public class ModelCallException extends Exception {
    public enum Kind {
        /** 429: try again, after Retry-After when the server gave one. */
        RATE_LIMITED(true),
        /** 5xx: try again. */
        SERVER_ERROR(true),
        /** No answer in time: try again. */
        TIMEOUT(true),
        /** Refused, reset or cut mid-response: try again. */
        CONNECTION(true),
        /** The server answered with something that is not the protocol (bad JSON...): try again. */
        MALFORMED_RESPONSE(true),
        /** 400, 401, 403, 404...: the same request will fail the same way. */
        REJECTED(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    private final Kind kind;
    private final int status;
    private final Optional<Duration> retryAfter;

    public ModelCallException(Kind kind, int status, Optional<Duration> retryAfter, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public ModelCallException(Kind kind, String message, Throwable cause) {
        this(kind, -1, Optional.empty(), message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or -1 when there was none (timeouts, connection failures). */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return retryAfter;
    }
}
