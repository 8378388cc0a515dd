package io.offswitch.model;

import java.util.List;

/** A model provider: `openai`, `anthropic`, `google`, `openai-api`. Registered in {@link Providers}. */
public interface Provider {
    /** The prefix of model names, e.g. {@code openai}. */
    String id();

    /** One line for help texts. */
    String description();

    /**
     * The environment variables this model needs (API keys, an endpoint's base URL), each as a list
     * of alternatives (e.g. GOOGLE_API_KEY or GEMINI_API_KEY). Checked before any episode starts.
     */
    List<List<String>> requiredVariables(ModelName name);

    /**
     * The variables whose value picks the server the model is called on (a base URL), first match
     * wins; the endpoint is part of a run's design, since the same name elsewhere is another model.
     */
    default List<String> endpointVariables(ModelName name) {
        return List.of();
    }

    /** True for stand-ins that are not models (benchmarks, tests): every output labels their agents so. */
    default boolean simulated() {
        return false;
    }

    /** A client for the model; called once per model name and run, before any episode starts. */
    ModelClient client(ModelName name, GenerateConfig config, ProviderEnvironment env);
}
