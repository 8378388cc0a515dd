package io.offswitch.agent;

import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;

/**
 * Decides the agent's next message given the conversation so far. One instance serves one episode,
 * so it may keep state between calls.
 */
public interface Agent {
    /** The name it was resolved from, e.g. {@code reference/saboteur} or {@code openai/o3}; recorded with the episode. */
    String id();

    /** True for agents that are not models (reference, replay, human); every output labels them so. */
    boolean scripted();

    /** The settings that shaped its behaviour (strategy, temperature...), recorded with the episode. */
    Map<String, String> settings();

    /** The next assistant message; it may hold tool calls, text, or both. */
    Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) throws AgentException;
}
