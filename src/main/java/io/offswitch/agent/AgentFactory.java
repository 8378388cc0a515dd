package io.offswitch.agent;

/** Makes a fresh agent for each episode; resolved once per model name before anything runs. */
public interface AgentFactory {
    /** The model name as the user gave it, e.g. {@code reference/compliant}. */
    String name();

    boolean scripted();

    /** A new agent for one episode; {@code seed} makes scripted choices reproducible. */
    Agent create(long seed);
}
