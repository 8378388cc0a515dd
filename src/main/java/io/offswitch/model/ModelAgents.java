package io.offswitch.model;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentFactory;

/**
 * Resolves {@code provider/model} names to agent factories, checking everything that can be checked
 * before a run starts: the provider exists and its environment variables (keys) are set.
 */
public final class ModelAgents {
    private ModelAgents() {}

    public static AgentFactory resolve(String raw, GenerateConfig config, ModelServices services, ProviderEnvironment env) {
        ModelName name = ModelName.parse(raw);
        Provider provider = Providers.resolve(name);
        java.util.List<String> missing = provider.requiredVariables(name).stream()
                .filter(alternatives -> alternatives.stream().allMatch(v -> env.get(v).isEmpty()))
                .map(alternatives -> String.join(" or ", alternatives)).toList();
        if (!missing.isEmpty()) {
            throw io.offswitch.OffswitchException.usage("model " + raw + " needs " + String.join(" and ", missing)
                    + " set in the environment; nothing was run");
        }
        services.usage().requirePriced(name);
        ModelClient client = provider.client(name, config, env);
        java.util.Map<String, String> definition = new java.util.TreeMap<>(config.asSettings());
        provider.endpointVariables(name).stream().map(env::get).flatMap(java.util.Optional::stream).findFirst()
                .ifPresent(url -> definition.put("endpoint", OpenAiCompatibleProvider.withoutCredentials(url)));
        return new AgentFactory() {
            @Override
            public String name() {
                return raw;
            }

            @Override
            public boolean scripted() {
                // A simulated model is not a model either.
                return provider.simulated();
            }

            @Override
            public java.util.Map<String, String> definition() {
                // Temperature, reasoning effort, thinking budget... change what the model does, and so
                // does the server: the same name behind another base URL is another model.
                return definition;
            }

            @Override
            public Agent create(long seed) {
                return new ModelAgent(name, client, config, services, seed);
            }
        };
    }
}
