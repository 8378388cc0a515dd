package io.offswitch.model;

import com.anthropic.core.http.Headers;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicServiceException;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** What an SDK failure means for retrying: the one place Anthropic errors become {@link ModelCallException}s. */
final class AnthropicErrors {
    private AnthropicErrors() {}

    static ModelCallException classify(RuntimeException e, Redactor redactor) {
        if (e instanceof AnthropicServiceException s) {
            return service(s, redactor);
        }
        if (timedOut(e)) {
            return new ModelCallException(ModelCallException.Kind.TIMEOUT,
                    "no complete answer from Anthropic within the request timeout (OFFSWITCH_REQUEST_TIMEOUT_SECONDS)", e);
        }
        // Before the JSON check: a body cut short also surfaces as a parse failure wrapping the I/O error.
        if (networkFailure(e)) {
            return new ModelCallException(ModelCallException.Kind.CONNECTION,
                    "connection to Anthropic failed: " + redactor.redact(rootMessage(e)), e);
        }
        if (has(e, AnthropicInvalidDataException.class) || has(e, JsonProcessingException.class)) {
            return new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE,
                    "Anthropic's reply could not be read as a message: " + redactor.redact(e.getMessage()), e);
        }
        return new ModelCallException(ModelCallException.Kind.MALFORMED_RESPONSE,
                "unexpected failure in the Anthropic SDK: " + redactor.redact(e.toString()), e);
    }

    private static ModelCallException service(AnthropicServiceException s, Redactor redactor) {
        int status = s.statusCode();
        String detail = s.type().map(t -> t.toString() + ": ").orElse("") + s.apiMessage().orElse(String.valueOf(s.body()));
        String message = "Anthropic answered HTTP " + status + ": " + redactor.redact(detail);
        ModelCallException.Kind kind;
        if (status == 429) {
            kind = ModelCallException.Kind.RATE_LIMITED;
        } else if (status >= 500) {
            kind = ModelCallException.Kind.SERVER_ERROR; // 529 "overloaded" included
        } else if (status == 408) {
            kind = ModelCallException.Kind.TIMEOUT; // the server gave up waiting; the same request can succeed
        } else {
            kind = ModelCallException.Kind.REJECTED;
        }
        return new ModelCallException(kind, status, retryAfter(s.headers(), Instant.now()), message, s);
    }

    /** The server's wait: retry-after-ms, else retry-after in seconds or as an HTTP date. */
    static Optional<Duration> retryAfter(Headers headers, Instant now) {
        Optional<String> ms = first(headers, "retry-after-ms");
        try {
            if (ms.isPresent()) {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(ms.get())));
            }
        } catch (NumberFormatException e) {
            // fall back to retry-after
        }
        Optional<String> raw = first(headers, "retry-after");
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(raw.get()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(raw.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static Optional<String> first(Headers headers, String name) {
        return headers.values(name).stream().map(String::strip).filter(v -> !v.isEmpty()).findFirst();
    }

    private static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            // OkHttp reports its call timeout as an InterruptedIOException("timeout"), read timeouts as its subclass.
            if (t instanceof java.net.SocketTimeoutException
                    || (t instanceof InterruptedIOException && String.valueOf(t.getMessage()).contains("timeout"))) {
                return true;
            }
        }
        return false;
    }

    private static boolean networkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && !(t instanceof JsonProcessingException)) {
                return true;
            }
        }
        return false;
    }

    private static boolean has(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.toString();
    }
}
