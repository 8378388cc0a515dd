package io.offswitch.cli;

import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelAgents;
import io.offswitch.model.ModelName;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import java.util.function.Supplier;

/** Turns each --model name into an agent factory: a model behind a provider, or a scripted agent. */
final class AgentResolver {
    private final AgentOptions options;
    private final GenerateConfig config;
    private final Supplier<ModelServices> services;
    private final ProviderEnvironment env;

    AgentResolver(AgentOptions options, GenerateConfig config, Supplier<ModelServices> services, ProviderEnvironment env) {
        this.options = options;
        this.config = config;
        this.services = services;
        this.env = env;
    }

    AgentFactory resolve(String name) {
        return ModelName.looksLikeModel(name) ? ModelAgents.resolve(name, config, services.get(), env) : Agents.resolve(name, options);
    }
}
