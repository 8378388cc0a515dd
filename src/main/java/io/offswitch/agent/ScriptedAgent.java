package io.offswitch.agent;

import io.offswitch.episode.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The common part of agents that are offswitch's own code (reference agents, replays): a name, the
 * settings recorded with each episode, numbered call ids, and reading back what a call returned. A
 * scripted agent decides from what its tools returned, never from the scenario's code, so that the
 * harness is tested the way a model would meet it.
 */
public abstract class ScriptedAgent implements Agent {
    private final String id;
    private final Map<String, String> settings;
    private int calls;

    protected ScriptedAgent(String id, Map<String, String> settings) {
        this.id = id;
        this.settings = Map.copyOf(settings);
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final boolean scripted() {
        return true;
    }

    @Override
    public Map<String, String> settings() {
        return settings;
    }

    /** A fresh call id, {@code call_1}, {@code call_2}, ...: unique within the episode. */
    protected final String nextCallId() {
        calls++;
        return "call_" + calls;
    }

    /** The id {@link #nextCallId()} gave last ({@code call_0} before the first). */
    protected final String lastCallId() {
        return "call_" + calls;
    }

    /** The result of the call with {@code callId}, if the conversation carries it (the latest, if several). */
    protected static Optional<Message.Tool> resultOf(List<Message> conversation, String callId) {
        for (int i = conversation.size() - 1; i >= 0; i--) {
            if (conversation.get(i) instanceof Message.Tool tool && tool.toolCallId().equals(callId)) {
                return Optional.of(tool);
            }
        }
        return Optional.empty();
    }

    /** The results of the calls with these ids, in the order of the ids; calls without a result are left out. */
    protected static List<Message.Tool> resultsOf(List<Message> conversation, List<String> callIds) {
        List<Message.Tool> out = new ArrayList<>();
        callIds.forEach(id -> resultOf(conversation, id).ifPresent(out::add));
        return out;
    }
}
