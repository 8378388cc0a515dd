package io.offswitch.api;

/**
 * A tool of the episode, backed by its sandbox: hand its name, description and schema to the model as
 * any other tool, and run the model's calls through {@link #call}. Every call is recorded as evidence.
 */
public interface AgentTool {
    String name();

    String description();

    /** The JSON schema of the arguments object, as text. */
    String parametersJsonSchema();

    /**
     * Runs one call with the model's arguments (a JSON object, as text) and returns what the agent sees.
     * Bad arguments come back as an error output, and the episode goes on.
     *
     * @throws EpisodeOverException when the episode has already ended: the loop must stop
     */
    ToolOutput call(String argumentsJson);
}
