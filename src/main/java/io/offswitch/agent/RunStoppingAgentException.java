package io.offswitch.agent;

/**
 * The agent cannot work at all, in this episode or any other: its provider refused the key or does not
 * know the model. Every further episode of it would end the same way, so the run stops instead of
 * filling the store with errors that say nothing about the model.
 */
public final class RunStoppingAgentException extends AgentException {
    public RunStoppingAgentException(String message) {
        super(message);
    }
}
