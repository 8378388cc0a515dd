package io.offswitch.model;

import com.google.genai.Client;
import com.google.genai.types.ClientOptions;
import com.google.genai.types.HttpOptions;
import com.google.genai.types.HttpRetryOptions;
import io.offswitch.OffswitchException;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;

/**
 * {@code google/MODEL}: Gemini through the Gemini API (generateContent), with Google's official SDK.
 * Key from GOOGLE_API_KEY or GEMINI_API_KEY; a gateway or local server from GOOGLE_GEMINI_BASE_URL or
 * GEMINI_BASE_URL.
 */
final class GoogleProvider implements Provider {
    static final List<String> KEY_VARIABLES = List.of("GOOGLE_API_KEY", "GEMINI_API_KEY");
    static final List<String> BASE_URL_VARIABLES = List.of("GOOGLE_GEMINI_BASE_URL", "GEMINI_BASE_URL");

    @Override
    public String id() {
        return "google";
    }

    @Override
    public List<String> endpointVariables(ModelName name) {
        return BASE_URL_VARIABLES;
    }

    @Override
    public String description() {
        return "Gemini API, e.g. google/gemini-2.5-pro; GOOGLE_API_KEY or GEMINI_API_KEY";
    }

    @Override
    public List<List<String>> requiredVariables(ModelName name) {
        return List.of(KEY_VARIABLES);
    }

    @Override
    public ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env) {
        String key = env.require(KEY_VARIABLES, "model " + name.raw());
        Duration timeout = env.requestTimeout();
        // Our own OkHttp client so that every exchange passes GoogleExchange first; the SDK adds its
        // retry interceptor after it, switched off here because ModelAgent does the retrying.
        OkHttpClient http = new OkHttpClient.Builder()
                .addInterceptor(new GoogleExchange())
                .connectTimeout(timeout).readTimeout(timeout).writeTimeout(timeout).callTimeout(timeout)
                .retryOnConnectionFailure(false)
                .build();
        HttpOptions.Builder http0 = HttpOptions.builder()
                .timeout(Math.toIntExact(timeout.toMillis()))
                .retryOptions(HttpRetryOptions.builder().attempts(1).build());
        BASE_URL_VARIABLES.stream().map(env::get).flatMap(java.util.Optional::stream).findFirst().ifPresent(http0::baseUrl);
        Client sdk = Client.builder()
                .apiKey(key)
                .vertexAI(false)
                .httpOptions(http0.build())
                .clientOptions(ClientOptions.builder().customHttpClient(http).build())
                .build();
        return new GoogleClient(sdk, name, GoogleRequest.settings(config, name), key);
    }

}
