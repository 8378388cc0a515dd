package io.offswitch.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.JsonValue;
import com.openai.core.Timeout;
import io.offswitch.OffswitchException;
import io.offswitch.episode.ToolSpec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Builds the OpenAI SDK client both OpenAI providers share the settings of, and converts tool schemas. */
final class OpenAiSdk {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OpenAiSdk() {}

    /** One client per model and run: thread-safe, no SDK retries (ModelAgent retries), our timeout. */
    static OpenAIClient client(String apiKey, Optional<String> baseUrl, ProviderEnvironment env) {
        Duration timeout = env.requestTimeout();
        var builder = OpenAIOkHttpClient.builder()
                .apiKey(apiKey)
                .maxRetries(0)
                .timeout(Timeout.builder().connect(timeout).read(timeout).write(timeout).request(timeout).build());
        baseUrl.ifPresent(builder::baseUrl);
        return builder.build();
    }


    /** A tool's JSON schema as the SDK's untyped map of top-level properties. */
    static Map<String, JsonValue> schema(ToolSpec tool) {
        JsonNode node;
        try {
            node = JSON.readTree(tool.parametersJsonSchema());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the JSON schema of tool " + tool.name() + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("the JSON schema of tool " + tool.name() + " must be a JSON object");
        }
        Map<String, JsonValue> out = new LinkedHashMap<>();
        node.properties().forEach(e -> out.put(e.getKey(), JsonValue.fromJsonNode(e.getValue())));
        return out;
    }
}
