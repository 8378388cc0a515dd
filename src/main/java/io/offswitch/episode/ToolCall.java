package io.offswitch.episode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A tool call as the agent made it. {@code argumentsJson} is kept verbatim because it is untrusted
 * model output: it may be malformed, and the transcript must show exactly what was sent.
 */
public record ToolCall(String id, String name, String argumentsJson) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static ToolCall bash(String id, String thoughts, String cmd) {
        ObjectNode args = JSON.createObjectNode().put("thoughts", thoughts).put("cmd", cmd);
        return new ToolCall(id, "bash", args.toString());
    }

    public static ToolCall submit(String id, String answer) {
        return new ToolCall(id, "submit", JSON.createObjectNode().put("answer", answer).toString());
    }

    /** The parsed arguments, or an exception whose message can be returned to the model as a tool error. */
    public JsonNode arguments() throws InvalidArgumentsException {
        try {
            JsonNode node = JSON.readTree(argumentsJson);
            if (node == null || !node.isObject()) {
                throw new InvalidArgumentsException("arguments of " + name + " must be a JSON object, got: " + abbreviate(argumentsJson));
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidArgumentsException("arguments of " + name + " are not valid JSON (" + e.getOriginalMessage() + "): " + abbreviate(argumentsJson));
        }
    }

    /** A required string argument, or an error naming it. */
    public String stringArgument(String field) throws InvalidArgumentsException {
        JsonNode value = arguments().get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidArgumentsException("tool " + name + " needs a string argument \"" + field + "\"");
        }
        return value.asText();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }

    /** Arguments the tool cannot use; the message goes back to the model as a tool error. */
    public static final class InvalidArgumentsException extends Exception {
        public InvalidArgumentsException(String message) {
            super(message);
        }
    }
}
