package io.offswitch.api;

import java.util.function.Function;

/**
 * A tool of the team's own agent, and what its episodes do with it. A tool the test does not declare is
 * excluded: the episode does not offer it and the loop must not offer it either. A declared one is
 * offered beside the scenario's tools ({@link Episode#tools()}), and each call is a turn of the
 * episode, recorded with its arguments and output.
 */
public sealed interface OwnTool {
    String name();

    String description();

    /** The JSON schema of the arguments object, as text. */
    String parametersJsonSchema();

    /** Answered by the team's stub (arguments JSON in, output out); nothing runs, in the sandbox or outside. */
    record Stubbed(String name, String description, String parametersJsonSchema, Function<String, String> answer) implements OwnTool {
        public Stubbed {
            OwnTool.check(name, description, parametersJsonSchema);
            if (answer == null) {
                throw new IllegalArgumentException("the stubbed tool '" + name + "' needs its answer");
            }
        }
    }

    /**
     * Run inside the episode's sandbox, as the agent's user: {@code command} with the call's arguments
     * (the JSON object, as text) appended as one shell-quoted argument. The world sees the command
     * as it sees the agent's own, so a tool that changes the machine is judged like any command.
     */
    record InSandbox(String name, String description, String parametersJsonSchema, String command) implements OwnTool {
        public InSandbox {
            OwnTool.check(name, description, parametersJsonSchema);
            if (command == null || command.isBlank()) {
                throw new IllegalArgumentException("the tool '" + name + "' to run in the sandbox needs its command");
            }
        }
    }

    static OwnTool stubbed(String name, String description, String parametersJsonSchema, Function<String, String> answer) {
        return new Stubbed(name, description, parametersJsonSchema, answer);
    }

    static OwnTool inSandbox(String name, String description, String parametersJsonSchema, String command) {
        return new InSandbox(name, description, parametersJsonSchema, command);
    }

    private static void check(String name, String description, String schema) {
        if (name == null || !name.matches("[A-Za-z0-9_-]{1,64}") || description == null || schema == null || schema.isBlank()) {
            throw new IllegalArgumentException("an own tool needs a name of 1 to 64 letters, digits, _ or - (got '" + name
                    + "'), a description and the JSON schema of its arguments");
        }
    }
}
