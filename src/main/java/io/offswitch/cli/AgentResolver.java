package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelAgents;
import io.offswitch.model.ModelName;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import java.util.function.Supplier;

/** Turns each --model name into an agent factory: a model behind a provider, or a scripted agent. */
final class AgentResolver {
    private final AgentOptions options;
    private final ReferenceAgentCatalog references;
    private final GenerateConfig config;
    private final Supplier<ModelServices> services;
    private final ProviderEnvironment env;

    AgentResolver(AgentOptions options, ReferenceAgentCatalog references, GenerateConfig config, Supplier<ModelServices> services,
            ProviderEnvironment env) {
        this.options = options;
        this.references = references;
        this.config = config;
        this.services = services;
        this.env = env;
    }

    AgentFactory resolve(String name) {
        if (ModelName.looksLikeModel(name)) {
            return ModelAgents.resolve(name, config, services.get(), env);
        }
        try {
            return Agents.resolve(name, options, references);
        } catch (OffswitchException e) {
            // Someone who typed an unknown agent may have meant a model: say how models are named.
            if (e.getMessage().startsWith("unknown agent")) {
                throw new OffswitchException(e.exitCode(), e.getMessage() + " " + ProviderHelp.sentence(), e);
            }
            throw e;
        }
    }
}
