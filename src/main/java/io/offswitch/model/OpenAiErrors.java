package io.offswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIServiceException;
import io.offswitch.model.ModelCallException.Kind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/** Classifies what the OpenAI SDK throws into {@link ModelCallException} kinds, without the key. */
final class OpenAiErrors {
    private OpenAiErrors() {}

    static ModelCallException classify(RuntimeException e, String where, String apiKey) {
        if (e instanceof OpenAIServiceException s) {
            int status = s.statusCode();
            Kind kind = status == 429 ? Kind.RATE_LIMITED
                    : status >= 500 ? Kind.SERVER_ERROR
                    : status == 408 ? Kind.TIMEOUT
                    : Kind.REJECTED;
            Optional<Duration> retryAfter = status == 429 || status == 503
                    ? retryAfter(s.headers().values("retry-after-ms"), s.headers().values("Retry-After"), Instant.now())
                    : Optional.empty();
            return new ModelCallException(kind, status, retryAfter, where + " answered HTTP " + status + ": " + clean(s.getMessage(), apiKey), null);
        }
        Optional<IOException> io = ioCause(e);
        if (io.isPresent()) {
            // A read that ran out of time, or a connection refused, reset or cut before the body ended.
            Kind kind = io.get() instanceof InterruptedIOException ? Kind.TIMEOUT : Kind.CONNECTION;
            String what = kind == Kind.TIMEOUT ? "no complete answer from " + where + " in time" : "connection to " + where + " failed";
            return new ModelCallException(kind, what + ": " + clean(io.get().toString(), apiKey), null);
        }
        if (e instanceof OpenAIInvalidDataException || e instanceof OpenAIException) {
            return new ModelCallException(Kind.MALFORMED_RESPONSE, where + " sent a response that is not the API's format: " + clean(describe(e), apiKey), null);
        }
        return new ModelCallException(Kind.MALFORMED_RESPONSE, "unexpected failure talking to " + where + ": " + clean(describe(e), apiKey), null);
    }

    /** The first I/O failure in the cause chain that is not a JSON syntax error (Jackson's are IOExceptions too). */
    private static Optional<IOException> ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException io && !(t instanceof JsonProcessingException)) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable e) {
        StringBuilder s = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            s.append(" (").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append(')');
        }
        return s.toString();
    }

    /** OpenAI's own retry-after-ms first, then Retry-After as seconds or an HTTP date. */
    static Optional<Duration> retryAfter(List<String> millis, List<String> header, Instant now) {
        for (String v : millis) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v.strip())))));
            } catch (NumberFormatException ignored) {
                // try the standard header
            }
        }
        for (String v : header) {
            try {
                return Optional.of(Duration.ofMillis(Math.max(0, Math.round(Double.parseDouble(v.strip()) * 1000))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(Duration.between(now, at).isNegative() ? Duration.ZERO : Duration.between(now, at));
                } catch (DateTimeParseException ignored) {
                    // neither form: back off as usual
                }
            }
        }
        return Optional.empty();
    }

    private static String clean(String text, String apiKey) {
        String s = text == null ? "" : text;
        if (!apiKey.isEmpty()) {
            s = s.replace(apiKey, "[redacted]");
        }
        return s.length() <= 500 ? s : s.substring(0, 500) + "...";
    }
}
