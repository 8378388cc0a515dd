package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentException;
import io.offswitch.episode.Message;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** Each way a Gemini call can fail, classified for ModelAgent's retries, and keys kept out of messages. */
class GoogleFailuresTest {
    static final String OK = GoogleWire.response(List.of(GoogleWire.text("fine")), 10, 2, 0, 0);

    private static ModelCallException failure(GoogleFakeServer.Reply reply, String timeoutSeconds) throws Exception {
        try (var server = new GoogleFakeServer(req -> reply)) {
            ModelClient client = GoogleProtocolTest.client(server, GenerateConfig.defaults(), timeoutSeconds);
            try {
                client.generate(GoogleProtocolTest.opening(), List.of(GoogleProtocolTest.BASH));
            } catch (ModelCallException e) {
                return e;
            }
            throw new AssertionError("the call did not fail");
        }
    }

    /** A model agent over the fake server: first the given replies, then success. */
    private static Message.Assistant throughAgent(GoogleFakeServer server) throws AgentException {
        var env = new ProviderEnvironment(Map.of("GEMINI_API_KEY", GoogleProtocolTest.KEY, "GEMINI_BASE_URL", server.baseUrl(),
                "OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "5"));
        var services = ModelServices.of(new ConnectionLimits(2), new RetryPolicy(4, Duration.ofMillis(5), Duration.ofMillis(20)),
                UsageMeter.unlimited(), Optional.empty(), env);
        return ModelAgents.resolve("google/gemini-2.5-pro", GenerateConfig.defaults(), services, env).create(1)
                .next(GoogleProtocolTest.opening(), List.of(GoogleProtocolTest.BASH));
    }

    private static Function<JsonNode, GoogleFakeServer.Reply> firstThen(GoogleFakeServer.Reply first) {
        AtomicInteger calls = new AtomicInteger();
        return req -> calls.incrementAndGet() == 1 ? first : GoogleFakeServer.Reply.ok(OK);
    }

    @Test
    void rateLimitedWithRetryAfterInSecondsOrAsADate() throws Exception {
        var seconds = failure(GoogleFakeServer.Reply.error(429, "RESOURCE_EXHAUSTED", "quota").withHeader("Retry-After", "7"), "5");
        assertThat(seconds.kind()).isEqualTo(ModelCallException.Kind.RATE_LIMITED);
        assertThat(seconds.status()).isEqualTo(429);
        assertThat(seconds.retryAfter()).contains(Duration.ofSeconds(7));

        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
        var dated = failure(GoogleFakeServer.Reply.error(429, "RESOURCE_EXHAUSTED", "quota").withHeader("Retry-After", date), "5");
        assertThat(dated.retryAfter()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(31)));
    }

    @Test
    void geminisRetryInfoInTheBodyCountsAsRetryAfter() throws Exception {
        String body = "{\"error\":{\"code\":429,\"message\":\"quota\",\"status\":\"RESOURCE_EXHAUSTED\",\"details\":["
                + "{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\",\"retryDelay\":\"12s\"}]}}";
        var e = failure(new GoogleFakeServer.Reply(429, Map.of(), body, 0, -1), "5");
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(12));
    }

    @Test
    void theAgentWaitsForRetryAfterAndTriesAgain() throws Exception {
        try (var server = new GoogleFakeServer(firstThen(GoogleFakeServer.Reply.error(429, "RESOURCE_EXHAUSTED", "slow down").withHeader("Retry-After", "1")))) {
            long start = System.nanoTime();
            Message.Assistant a = throughAgent(server);
            assertThat(a.text()).isEqualTo("fine");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void serverErrorsAreRetried() throws Exception {
        assertThat(failure(GoogleFakeServer.Reply.error(500, "INTERNAL", "oops"), "5").kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
        assertThat(failure(GoogleFakeServer.Reply.error(503, "UNAVAILABLE", "overloaded"), "5").kind()).isEqualTo(ModelCallException.Kind.SERVER_ERROR);
        try (var server = new GoogleFakeServer(firstThen(GoogleFakeServer.Reply.error(500, "INTERNAL", "oops")))) {
            assertThat(throughAgent(server).text()).isEqualTo("fine");
            assertThat(server.received()).hasSize(2);
        }
    }

    @Test
    void malformedJsonIsAMalformedResponse() throws Exception {
        var e = failure(GoogleFakeServer.Reply.ok("{\"candidates\": [{\"content\": {\"parts\": [{\"text\": \"hi"), "5");
        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.MALFORMED_RESPONSE);
    }

    @Test
    void aConnectionCutMidResponseIsAConnectionFailureAndIsRetried() throws Exception {
        var e = failure(GoogleFakeServer.Reply.ok(OK).cutAfter(20), "5");
        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.CONNECTION);
        try (var server = new GoogleFakeServer(firstThen(GoogleFakeServer.Reply.ok(OK).cutAfter(20)))) {
            assertThat(throughAgent(server).text()).isEqualTo("fine");
        }
    }

    @Test
    void aSlowAnswerPastTheRequestTimeoutIsATimeout() throws Exception {
        long start = System.nanoTime();
        var e = failure(GoogleFakeServer.Reply.ok(OK).late(3000), "1");
        assertThat(e.kind()).isEqualTo(ModelCallException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2900));
    }

    @Test
    void otherClientErrorsAreRejectedOnceWithoutTheKeyInTheMessage() throws Exception {
        String echo = "API key not valid: " + GoogleProtocolTest.KEY;
        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.error(400, "INVALID_ARGUMENT", echo))) {
            assertThatThrownBy(() -> throughAgent(server)).isInstanceOf(AgentException.class)
                    .hasMessageContaining("rejected").hasMessageContaining("HTTP 400").hasMessageContaining("API key not valid")
                    .hasMessageNotContaining(GoogleProtocolTest.KEY);
            assertThat(server.received()).hasSize(1);
        }
    }

    @Test
    void aBlockedPromptIsRejectedWithTheReasonButAnEmptyCandidateIsAnEmptyReply() throws Exception {
        var blocked = failure(GoogleFakeServer.Reply.ok("{\"promptFeedback\":{\"blockReason\":\"SAFETY\"},"
                + "\"usageMetadata\":{\"promptTokenCount\":12,\"totalTokenCount\":12}}"), "5");
        assertThat(blocked.kind()).isEqualTo(ModelCallException.Kind.REJECTED);
        assertThat(blocked.getMessage()).contains("SAFETY");

        try (var server = new GoogleFakeServer(req -> GoogleFakeServer.Reply.ok(
                "{\"candidates\":[{\"finishReason\":\"MAX_TOKENS\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":12,\"thoughtsTokenCount\":5}}"))) {
            Message.Assistant a = GoogleProtocolTest.client(server, GenerateConfig.defaults(), "5")
                    .generate(GoogleProtocolTest.opening(), List.of(GoogleProtocolTest.BASH));
            assertThat(a.text()).isEmpty();
            assertThat(a.toolCalls()).isEmpty();
            assertThat(a.providerState()).isEmpty();
            assertThat(a.usage().outputTokens()).isEqualTo(5);
        }
    }

    @Test
    void aMissingKeyNamesBothVariablesBeforeAnythingRuns() {
        assertThatThrownBy(() -> ModelAgents.resolve("google/gemini-2.5-pro", GenerateConfig.defaults(),
                ModelServices.of(new ConnectionLimits(1), RetryPolicy.defaults(), UsageMeter.unlimited(), Optional.empty(), new ProviderEnvironment(Map.of())),
                new ProviderEnvironment(Map.of())))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("GOOGLE_API_KEY or GEMINI_API_KEY");
    }
}
