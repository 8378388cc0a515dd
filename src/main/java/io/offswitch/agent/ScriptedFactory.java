package io.offswitch.agent;

import java.util.function.LongFunction;

/** A factory for agents that are not models (reference, replay, human): all scripted. */
public record ScriptedFactory(String name, LongFunction<Agent> maker) implements AgentFactory {
    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Agent create(long seed) {
        return maker.apply(seed);
    }
}
