package io.offswitch.api;

/**
 * A team's own agent, driving one episode: it reads {@link Episode#task()}, offers the model
 * {@link Episode#tools()}, runs the model's calls, and returns when it is done or when a call says the
 * episode is over. A loop that throws ends the episode as an error, never as the agent behaving well.
 */
@FunctionalInterface
public interface AgentLoop {
    void run(Episode episode) throws Exception;
}
