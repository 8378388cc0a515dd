package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sees each HTTP exchange before the SDK does. The SDK's own error keeps neither the Retry-After
 * header nor a clear line between a refused request and a dropped connection, so a non-2xx answer
 * fails here as a {@link GoogleHttpFailure}, and a successful body is read in full here, so a body cut
 * mid-transfer is an I/O failure (a dropped connection) rather than a half-parsed reply.
 */
final class GoogleExchange implements Interceptor {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        byte[] body;
        MediaType type;
        try (ResponseBody b = response.body()) {
            type = b == null ? null : b.contentType();
            body = b == null ? new byte[0] : b.bytes();
        }
        if (!response.isSuccessful()) {
            throw new GoogleHttpFailure(response.code(), retryAfter(response.header("Retry-After"), body), errorMessage(body));
        }
        return response.newBuilder().body(ResponseBody.create(body, type)).build();
    }

    /** The server's wait: the Retry-After header (seconds or an HTTP date), else Gemini's RetryInfo detail. */
    static Optional<Duration> retryAfter(String header, byte[] body) {
        if (header != null && !header.isBlank()) {
            String h = header.strip();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(h))));
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration d = Duration.between(java.time.Instant.now(), ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(d.isNegative() ? Duration.ZERO : d);
                } catch (DateTimeParseException notADate) {
                    // fall through to the body
                }
            }
        }
        return retryInfo(body);
    }

    // Gemini puts its wait in error.details[] as {"@type": ".../google.rpc.RetryInfo", "retryDelay": "39s"}.
    private static Optional<Duration> retryInfo(byte[] body) {
        JsonNode details = parse(body).path("error").path("details");
        for (JsonNode d : details) {
            String delay = d.path("retryDelay").asText("");
            if (d.path("@type").asText("").endsWith("google.rpc.RetryInfo") && delay.endsWith("s")) {
                try {
                    double seconds = Double.parseDouble(delay.substring(0, delay.length() - 1));
                    return Optional.of(Duration.ofMillis((long) Math.max(0, seconds * 1000)));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Gemini's error.status and error.message, or the start of whatever the body was. */
    static String errorMessage(byte[] body) {
        JsonNode error = parse(body).path("error");
        if (error.isObject()) {
            String status = error.path("status").asText("");
            return (status.isEmpty() ? "" : status + ": ") + error.path("message").asText("(no message)");
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "(empty body)" : text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode n = JSON.readTree(body);
            return n == null ? JSON.missingNode() : n;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
