package io.offswitch.model;

import io.offswitch.OffswitchException;
import java.util.List;
import java.util.Locale;

/**
 * {@code openai-api/NAME/MODEL}: any server that speaks OpenAI's Chat Completions (Ollama, vLLM,
 * OpenRouter, xAI, DeepSeek...), at NAME_BASE_URL with the key NAME_API_KEY, where NAME is upper-cased
 * and '-' becomes '_' (openai-api/my-vllm/qwen3 reads MY_VLLM_BASE_URL and MY_VLLM_API_KEY).
 */
final class OpenAiCompatibleProvider implements Provider {
    @Override
    public String id() {
        return "openai-api";
    }

    @Override
    public String description() {
        return "any OpenAI-compatible endpoint, openai-api/NAME/MODEL; NAME_BASE_URL, NAME_API_KEY";
    }

    static String prefix(ModelName name) {
        String endpoint = name.endpoint().orElseThrow(() -> OffswitchException.usage(
                "'" + name.raw() + "': write openai-api/NAME/MODEL, e.g. openai-api/ollama/qwen3"));
        return endpoint.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    @Override
    public List<List<String>> requiredVariables(ModelName name) {
        String p = prefix(name);
        return List.of(List.of(p + "_BASE_URL"), List.of(p + "_API_KEY"));
    }

    @Override
    public List<String> endpointVariables(ModelName name) {
        return List.of(prefix(name) + "_BASE_URL");
    }

    @Override
    public ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env) {
        String p = prefix(name);
        String baseUrl = env.require(List.of(p + "_BASE_URL"), "model " + name.raw());
        String key = env.require(List.of(p + "_API_KEY"), "model " + name.raw());
        var sdk = OpenAiSdk.client(key, java.util.Optional.of(baseUrl), env);
        return new OpenAiChatClient(sdk, name.model(), config, OpenAiChatClient.TokenLimit.MAX_TOKENS, true,
                "the endpoint " + name.endpoint().orElseThrow() + " (" + withoutCredentials(baseUrl) + ")", key);
    }

    /** The URL as it may appear in errors: no user info or query, where a credential could hide. */
    static String withoutCredentials(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return new java.net.URI(u.getScheme(), null, u.getHost(), u.getPort(), u.getPath(), null, null).toString();
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return "its configured base URL";
        }
    }
}
