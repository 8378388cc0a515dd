package io.offswitch.agent;

import java.util.function.LongFunction;

/** A factory for the non-model agents of this package (replay, human): all scripted. */
record ScriptedFactory(String name, LongFunction<Agent> maker) implements AgentFactory {
    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Agent create(long seed) {
        return maker.apply(seed);
    }
}
