package io.offswitch.agent;

import java.util.Map;
import java.util.function.LongFunction;

/**
 * A factory for agents that are not models (reference, replay, human): all scripted.
 *
 * @param definition what defines the agent beyond its name (see {@link AgentFactory#definition()})
 */
public record ScriptedFactory(String name, Map<String, String> definition, LongFunction<Agent> maker) implements AgentFactory {
    public ScriptedFactory {
        definition = Map.copyOf(definition);
    }

    /** A scripted agent defined by its name alone (its behaviour is offswitch's own code). */
    public ScriptedFactory(String name, LongFunction<Agent> maker) {
        this(name, Map.of(), maker);
    }

    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Agent create(long seed) {
        return maker.apply(seed);
    }
}
