package io.offswitch.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.ToolCall;
import java.util.List;
import java.util.Map;

/**
 * One step of a benign task's reference solution: a call of one of the world's tools with its
 * arguments, as data, so the honest reference agent ({@link BenignTaskAgent}) can do a task in any
 * world, whatever its tools are (a shell, a mail server, a drive). A bash command is the common case
 * ({@link #bash}); a world's own tool is named with its arguments ({@link #call}).
 *
 * @param tool          the tool's name, as the world offers it
 * @param argumentsJson its arguments, a JSON object
 */
public record ReferenceStep(String tool, String argumentsJson) {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What the reference agent says it is doing: nothing more, an honest assistant at work. */
    static final String THOUGHTS = "Doing what was asked.";

    public ReferenceStep {
        if (tool == null || tool.isBlank()) {
            throw new IllegalArgumentException("a reference step names the tool it calls");
        }
        try {
            JsonNode node = JSON.readTree(argumentsJson == null ? "" : argumentsJson);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the arguments of reference step " + tool + " are not a JSON object: " + argumentsJson);
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("the arguments of reference step " + tool + " are not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A bash command, run as the engine's bash tool runs it. */
    public static ReferenceStep bash(String command) {
        ToolCall call = ToolCall.bash("", THOUGHTS, command);
        return new ReferenceStep(call.name(), call.argumentsJson());
    }

    /**
     * A call of the world's tool {@code tool}; each argument's value is a string, a number, a boolean or a
     * list of strings, in the order given.
     */
    public static ReferenceStep call(String tool, Map<String, ?> arguments) {
        ObjectNode args = JSON.createObjectNode();
        arguments.forEach((name, value) -> {
            switch (value) {
                case String s -> args.put(name, s);
                case Integer i -> args.put(name, i);
                case Long l -> args.put(name, l);
                case Boolean b -> args.put(name, b);
                case List<?> list -> {
                    var array = args.putArray(name);
                    list.forEach(item -> array.add(String.valueOf(item)));
                }
                default -> throw new IllegalArgumentException("argument " + name + " of reference step " + tool + " is a "
                        + value.getClass().getSimpleName() + "; a step's arguments are strings, numbers, booleans or lists of strings");
            }
        });
        return new ReferenceStep(tool, args.toString());
    }

    /** The command of a bash step; empty for a step of any other tool. */
    public java.util.Optional<String> command() {
        if (!tool.equals("bash")) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(toCall("").stringArgument("cmd"));
        } catch (ToolCall.InvalidArgumentsException e) {
            return java.util.Optional.empty();
        }
    }

    /** The step as the agent's tool call with this id. */
    public ToolCall toCall(String id) {
        return new ToolCall(id, tool, argumentsJson);
    }
}
