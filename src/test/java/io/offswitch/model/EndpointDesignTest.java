package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server a model is called on defines it: another base URL is another design, and no credential is kept. */
class EndpointDesignTest {
    private static Map<String, String> definition(String model, Map<String, String> variables) {
        ProviderEnvironment env = new ProviderEnvironment(variables);
        ModelServices services = ModelServices.of(new ConnectionLimits(1), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                UsageMeter.unlimited(), Optional.empty(), env);
        return ModelAgents.resolve(model, GenerateConfig.defaults(), services, env).definition();
    }

    @Test
    void theBaseUrlIsPartOfTheDefinitionWithoutUserInfoOrQuery() {
        Map<String, String> local = definition("openai-api/local/o3", Map.of("LOCAL_BASE_URL", "http://bob:hunter2@127.0.0.1:8000/v1?key=sk-secret",
                "LOCAL_API_KEY", "sk-x"));
        Map<String, String> other = definition("openai-api/local/o3", Map.of("LOCAL_BASE_URL", "http://127.0.0.1:9000/v1", "LOCAL_API_KEY", "sk-x"));
        assertThat(local).containsEntry("endpoint", "http://127.0.0.1:8000/v1");
        assertThat(local.toString()).doesNotContain("hunter2").doesNotContain("sk-secret").doesNotContain("bob");
        assertThat(other).containsEntry("endpoint", "http://127.0.0.1:9000/v1");
    }

    @Test
    void aProvidersOwnApiHasNoEndpointEntryUnlessItsBaseUrlIsSet() {
        assertThat(definition("openai/o3", Map.of("OPENAI_API_KEY", "sk-x"))).doesNotContainKey("endpoint");
        assertThat(definition("openai/o3", Map.of("OPENAI_API_KEY", "sk-x", "OPENAI_BASE_URL", "http://127.0.0.1:7000/v1")))
                .containsEntry("endpoint", "http://127.0.0.1:7000/v1");
        assertThat(definition("anthropic/claude-opus-4-1", Map.of("ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL", "http://127.0.0.1:7001")))
                .containsEntry("endpoint", "http://127.0.0.1:7001");
        assertThat(definition("google/gemini-2.5-pro", Map.of("GEMINI_API_KEY", "k", "GEMINI_BASE_URL", "http://127.0.0.1:7002")))
                .containsEntry("endpoint", "http://127.0.0.1:7002");
    }
}
