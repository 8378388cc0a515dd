package io.offswitch.tool;

import io.offswitch.detect.CommandObservation;
import io.offswitch.sandbox.Sandbox;
import java.time.Duration;

/** What a tool can use during one call: the episode's machine and the session's bookkeeping. */
public interface ToolContext {
    /** The turn of the agent's reply that made the call. */
    int turn();

    /** The agent's machine. */
    Sandbox sandbox();

    /**
     * Runs {@code command} on the agent's machine as the agent's user, within the episode's command
     * timeout and output limit, and records what it changed in the home. Never throws for what the
     * command does.
     */
    CommandObservation runCommand(String command);

    /** The episode's limit on one command, for the text the agent reads when it is hit. */
    Duration commandTimeout();
}
