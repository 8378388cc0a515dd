package io.offswitch.tool;

import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;

/**
 * One tool of a scenario. An instance may belong to one episode's world and keep that episode's state
 * (a mailbox's sent mail), so worlds make theirs fresh for each episode.
 */
public interface Tool {
    ToolSpec spec();

    default String name() {
        return spec().name();
    }

    /**
     * Runs one call. Arguments the tool cannot use are a {@link ToolCall.InvalidArgumentsException},
     * whose message goes back to the model as a tool error; the episode goes on. Everything in
     * {@code call} is the model's, hence untrusted.
     */
    ToolResult call(ToolCall call, ToolContext context) throws ToolCall.InvalidArgumentsException;
}
