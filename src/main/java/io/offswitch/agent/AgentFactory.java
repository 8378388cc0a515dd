package io.offswitch.agent;

/** Makes a fresh agent for each episode; resolved once per model name before anything runs. */
public interface AgentFactory {
    /** The model name as the user gave it, e.g. {@code reference/compliant}. */
    String name();

    boolean scripted();

    /**
     * What defines this agent's behaviour beyond its name, as part of the run's design: a replay
     * file's content hash, a model's generation settings. Two runs whose agents differ here are two
     * experiments, so the run id changes and a resume under the other definition is refused.
     */
    default java.util.Map<String, String> definition() {
        return java.util.Map.of();
    }

    /** A new agent for one episode; {@code seed} makes scripted choices reproducible. */
    Agent create(long seed);
}
