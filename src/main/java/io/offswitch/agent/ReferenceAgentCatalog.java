package io.offswitch.agent;

import java.util.List;
import java.util.Optional;

/**
 * A scenario's scripted reference agents: agents that show the harness and its detectors at work
 * (every outcome of the scenario has one), never the behaviour of a model. Their names start with
 * {@code reference/}.
 */
public interface ReferenceAgentCatalog {
    /**
     * The factory for {@code name}; empty if the scenario has no reference agent of that name.
     *
     * @throws io.offswitch.OffswitchException (usage) for a known agent with a bad strategy
     */
    Optional<AgentFactory> resolve(String name);

    /** Every name this catalog resolves, strategies spelled out, for help texts and errors. */
    List<String> names();

    /** One line per agent (and strategy) with what it does. */
    List<String> descriptions();

    /** The agents {@code run SCENARIO} uses when no {@code --model} is given. */
    List<String> defaults();

    /** A scenario without reference agents. */
    static ReferenceAgentCatalog none() {
        return new ReferenceAgentCatalog() {
            @Override
            public Optional<AgentFactory> resolve(String name) {
                return Optional.empty();
            }

            @Override
            public List<String> names() {
                return List.of();
            }

            @Override
            public List<String> descriptions() {
                return List.of();
            }

            @Override
            public List<String> defaults() {
                return List.of();
            }
        };
    }
}
