package io.offswitch.agent.reference;

import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentFactory;
import java.util.function.LongFunction;

/** Makes a reference agent per episode; every reference agent is scripted. */
record ReferenceFactory(String name, LongFunction<Agent> maker) implements AgentFactory {
    @Override
    public boolean scripted() {
        return true;
    }

    @Override
    public Agent create(long seed) {
        return maker.apply(seed);
    }
}
