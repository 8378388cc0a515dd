package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiProviderTest {
    @Test
    void reasoningModelsAreRecognisedByName() {
        assertThat(List.of("o1", "o1-pro", "o3", "o3-mini-2025-01-31", "o4-mini", "codex-mini-latest", "gpt-5", "gpt-5-mini", "gpt-5.1-codex", "gpt-5-codex"))
                .allMatch(OpenAiProvider::isReasoningModel);
        assertThat(List.of("gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-nano", "gpt-3.5-turbo", "gpt-5-chat-latest", "omni-moderation-latest"))
                .noneMatch(OpenAiProvider::isReasoningModel);
    }

    @Test
    void anUnknownApiOverrideIsAnErrorNamingTheChoices() {
        var env = new ProviderEnvironment(Map.of("OFFSWITCH_OPENAI_API", "grpc"));
        assertThatThrownBy(() -> OpenAiProvider.usesResponses("o3", env)).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("OFFSWITCH_OPENAI_API").hasMessageContaining("'responses' or 'chat'");
    }

    @Test
    void aMissingKeyIsNamedBeforeAnythingRuns() {
        assertThatThrownBy(() -> ModelAgents.resolve("openai/o3", GenerateConfig.defaults(), services(), new ProviderEnvironment(Map.of())))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("OPENAI_API_KEY");
    }

    @Test
    void anOpenAiCompatibleEndpointNeedsItsBaseUrlAndKeyNamedAfterIt() {
        var name = ModelName.parse("openai-api/my-vllm/Qwen/Qwen3-8B");
        assertThat(new OpenAiCompatibleProvider().requiredVariables(name))
                .containsExactly(List.of("MY_VLLM_BASE_URL"), List.of("MY_VLLM_API_KEY"));
        assertThat(name.model()).isEqualTo("Qwen/Qwen3-8B");
        assertThatThrownBy(() -> ModelAgents.resolve(name.raw(), GenerateConfig.defaults(), services(),
                new ProviderEnvironment(Map.of("MY_VLLM_BASE_URL", "http://127.0.0.1:1/v1"))))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("MY_VLLM_API_KEY");
    }

    @Test
    void aBadRequestTimeoutIsAnErrorNamingTheVariable() {
        var env = new ProviderEnvironment(Map.of("OFFSWITCH_REQUEST_TIMEOUT_SECONDS", "soon"));
        assertThatThrownBy(() -> env.requestTimeout()).hasMessageContaining("OFFSWITCH_REQUEST_TIMEOUT_SECONDS").hasMessageContaining("soon");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAnHttpDate() {
        var now = java.time.Instant.parse("2025-06-01T12:00:00Z");
        assertThat(OpenAiErrors.retryAfter(List.of(), List.of("3"), now)).contains(java.time.Duration.ofSeconds(3));
        assertThat(OpenAiErrors.retryAfter(List.of("250"), List.of("3"), now)).contains(java.time.Duration.ofMillis(250));
        assertThat(OpenAiErrors.retryAfter(List.of(), List.of("Sun, 01 Jun 2025 12:00:10 GMT"), now)).contains(java.time.Duration.ofSeconds(10));
        assertThat(OpenAiErrors.retryAfter(List.of(), List.of("whenever"), now)).isEmpty();
    }

    static ModelServices services() {
        return ModelServices.of(new ConnectionLimits(4), new RetryPolicy(3, java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(5)),
                UsageMeter.unlimited(), java.util.Optional.empty(), new ProviderEnvironment(Map.of()));
    }
}
