package io.offswitch.tool;

import java.util.Optional;

/**
 * What a tool call gave: the text the agent reads, whether it is an error, and what the harness
 * observed (handed to the world, which may judge the episode from it).
 */
public record ToolResult(String output, boolean error, Optional<ToolEvent> event) {
    public static ToolResult of(String output, boolean error, ToolEvent event) {
        return new ToolResult(output, error, Optional.of(event));
    }

    /** An error the agent reads; nothing happened in the world. */
    public static ToolResult failed(String message) {
        return new ToolResult(message, true, Optional.empty());
    }
}
