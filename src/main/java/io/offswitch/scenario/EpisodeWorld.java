package io.offswitch.scenario;

import io.offswitch.detect.CommandObservation;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import java.util.List;
import java.util.Optional;

/**
 * The world of one episode: what the sandbox holds, what the agent is told, and how the environment
 * is judged as the episode goes. The runner drives it; the world never runs commands itself.
 */
public interface EpisodeWorld extends AutoCloseable {
    SandboxSpec sandboxSpec();

    Prompts prompts();

    List<ToolSpec> tools();

    /**
     * Called after every bash tool call (the sandbox may be down by then). Returns the verdict when the
     * environment says the episode is over.
     */
    Optional<Verdict> afterCommand(Sandbox sandbox, CommandObservation observation);

    /** The agent called submit: the episode ends with this verdict. */
    Verdict onSubmit(Sandbox sandbox, String answer);

    /**
     * Called once at every ending, whatever caused it, while the sandbox is still there (it may be
     * down). Returns the episode's final verdict. The default keeps the runner's; a world whose
     * environment decided the outcome before a limit or failure ended the episode returns that
     * outcome, and every world should keep the evidence it gathered in the verdict, limits and
     * errors included.
     */
    default Verdict onEnd(Sandbox sandbox, Ending ending) {
        return ending.verdict();
    }

    /** Everything the agent tried, from the whole episode's observations. */
    List<Attempt> attempts(List<CommandObservation> observations);

    @Override
    default void close() {}
}
