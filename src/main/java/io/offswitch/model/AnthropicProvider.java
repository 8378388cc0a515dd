package io.offswitch.model;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.Timeout;
import io.offswitch.OffswitchException;
import java.time.Duration;
import java.util.List;

/**
 * {@code anthropic/MODEL}: the Messages API through Anthropic's Java SDK, keyed by ANTHROPIC_API_KEY,
 * sent to ANTHROPIC_BASE_URL when it is set (a gateway or proxy). Extended thinking is switched on by
 * {@link GenerateConfig#thinkingBudget()}.
 */
final class AnthropicProvider implements Provider {
    static final String KEY = "ANTHROPIC_API_KEY";
    static final String BASE_URL = "ANTHROPIC_BASE_URL";
    /** The API's smallest thinking budget. */
    static final int MIN_THINKING_BUDGET = 1024;

    @Override
    public String id() {
        return "anthropic";
    }

    @Override
    public java.util.List<String> endpointVariables(ModelName name) {
        return java.util.List.of(BASE_URL);
    }

    @Override
    public String description() {
        return "Claude models through the Messages API, key in " + KEY;
    }

    @Override
    public List<List<String>> requiredVariables(ModelName name) {
        return List.of(List.of(KEY));
    }

    @Override
    public ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env) {
        check(name, config);
        String key = env.require(List.of(KEY), "model " + name.raw());
        Duration timeout = env.requestTimeout();
        AnthropicOkHttpClient.Builder builder = AnthropicOkHttpClient.builder()
                .apiKey(key)
                .maxRetries(0) // ModelAgent retries, with our backoff and accounting
                .timeout(Timeout.builder().connect(timeout.compareTo(Duration.ofSeconds(30)) < 0 ? timeout : Duration.ofSeconds(30))
                        .read(timeout).write(timeout).request(timeout).build());
        env.get(BASE_URL).ifPresent(builder::baseUrl);
        AnthropicClient sdk = builder.build();
        return new AnthropicModelClient(sdk, name, config, List.of(key));
    }

    /** Settings the API would reject on every call are refused before the run starts. */
    private static void check(ModelName name, GenerateConfig config) {
        if (config.thinkingBudget().isPresent()) {
            int budget = config.thinkingBudget().getAsInt();
            if (budget < MIN_THINKING_BUDGET) {
                throw OffswitchException.usage(name.raw() + ": the thinking budget must be at least " + MIN_THINKING_BUDGET
                        + " tokens for Anthropic models, got " + budget);
            }
            if (config.maxTokens().isEmpty() && budget >= AnthropicRequest.SAFE_MAX_TOKENS - 1024) {
                throw OffswitchException.usage(name.raw() + ": a thinking budget of " + budget + " leaves no room for the answer under the "
                        + AnthropicRequest.SAFE_MAX_TOKENS + " max tokens every Claude model accepts; lower it, or set --max-tokens to what"
                        + " your model allows");
            }
            if (config.maxTokens().isPresent() && config.maxTokens().getAsInt() <= budget) {
                throw OffswitchException.usage(name.raw() + ": max tokens (" + config.maxTokens().getAsInt()
                        + ") must be larger than the thinking budget (" + budget + "); raise max tokens or leave it unset");
            }
        }
        if (config.temperature().isPresent() && (config.temperature().getAsDouble() < 0 || config.temperature().getAsDouble() > 1)) {
            throw OffswitchException.usage(name.raw() + ": Anthropic models take a temperature from 0 to 1, got " + config.temperature().getAsDouble());
        }
    }

}
