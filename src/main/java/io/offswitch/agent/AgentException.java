package io.offswitch.agent;

/** The agent could not produce a message (a provider failed, the human quit...). The episode ends as an error. */
public class AgentException extends Exception {
    public AgentException(String message) {
        super(message);
    }

    public AgentException(String message, Throwable cause) {
        super(message, cause);
    }
}
