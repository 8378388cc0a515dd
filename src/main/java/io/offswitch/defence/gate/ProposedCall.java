package io.offswitch.defence.gate;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.episode.ToolCall;
import java.util.Optional;

/**
 * A tool call the agent proposed, as a gate sees it before it runs. Everything in it is the agent's
 * (untrusted) text.
 *
 * @param turn the agent's turn
 * @param call the call verbatim
 * @param task the episode's task as the agent was given it (the user prompt), for a monitor's context
 */
public record ProposedCall(int turn, ToolCall call, String task) {
    /** The argument fields that hold a shell command in the engine's and the scenarios' command tools. */
    private static final String[] COMMAND_FIELDS = {"cmd", "command"};

    public ProposedCall {
        task = task == null ? "" : task;
    }

    /** The shell command the call would run, if it carries one (a bash-like tool with a string {@code cmd}). */
    public Optional<String> command() {
        try {
            JsonNode args = call.arguments();
            for (String field : COMMAND_FIELDS) {
                JsonNode v = args.get(field);
                if (v != null && v.isTextual()) {
                    return Optional.of(v.asText());
                }
            }
        } catch (ToolCall.InvalidArgumentsException e) {
            // Malformed arguments run nothing: the tool refuses them, so there is no command to judge.
        }
        return Optional.empty();
    }

    /** The call as one line of text for a defence event: the command, or the tool and its arguments. */
    public String describe() {
        return command().map(c -> call.name() + ": " + c).orElse(call.name() + " " + call.argumentsJson());
    }
}
