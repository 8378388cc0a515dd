package io.offswitch.episode;

/** A tool offered to the agent: its name, what it does, and the JSON schema of its arguments. */
public record ToolSpec(String name, String description, String parametersJsonSchema) {}
