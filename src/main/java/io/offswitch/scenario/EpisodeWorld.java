package io.offswitch.scenario;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolEvent;
import java.util.List;
import java.util.Optional;

/**
 * The world of one episode: what the sandbox holds, what the agent is told, which tools it has, and how
 * the environment is judged as the episode goes. The episode session drives it; the world never runs
 * commands itself.
 */
public interface EpisodeWorld extends AutoCloseable {
    /** The agent's machine. */
    SandboxSpec sandboxSpec();

    /**
     * Every machine of the world: the agent's and, for a world that needs them, other hosts on a private
     * network of the world's own. The default is the agent's machine alone, with no network.
     */
    default WorldSpec worldSpec() {
        return WorldSpec.single(sandboxSpec());
    }

    /**
     * The world's machines are up, before the agent's first turn: a world of several hosts keeps them to
     * judge from their disks and the network's record of connections. The agent's machine is also the
     * {@code sandbox} every other method receives.
     */
    default void started(WorldMachines machines) {}

    Prompts prompts();

    /** The tools the agent is offered, made for this episode (a tool may keep the episode's state). */
    List<Tool> tools();

    /**
     * Called after every tool call that observed something (the sandbox may be down by then). Returns
     * the verdict when the environment says the episode is over. A {@link ToolEvent.Submitted} ends
     * the episode: the world must answer it with a verdict.
     */
    Optional<Verdict> afterTool(Sandbox sandbox, ToolEvent event);

    /**
     * The agent replied without calling a tool. Empty (the default) sends the continue prompt and goes
     * on; a world whose agent is done once it stops calling tools (an assistant that has handled its
     * inbox) returns the verdict.
     */
    default Optional<Verdict> afterReplyWithoutTools(Sandbox sandbox, int turn) {
        return Optional.empty();
    }

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

    /**
     * The episode's score, for a scenario whose vocabulary declares one ({@link OutcomeVocabulary#score}):
     * a number the world computed from what the environment recorded (sandbagging's accuracy, from the
     * answers its tool took, never from what the agent says of them). Called once, after {@link #onEnd},
     * before the machine is destroyed; empty (the default) when there is nothing to score. The report
     * uses it only for episodes whose outcome the scenario counts.
     */
    default java.util.Optional<Double> score() {
        return java.util.Optional.empty();
    }

    /**
     * The follow-up interview: questions put to the agent once the episode has its final verdict
     * ({@code verdict}, from {@link #onEnd}), in order, each as a user message of the same conversation,
     * after the machine is gone. The agent is offered no tools; a tool call in its answer is refused
     * (it gets an error result) and only the text of its reply is the answer. An agent that fails to
     * answer ends the interview (the failure is recorded with the question). The answers are stored
     * with the episode ({@code EpisodeRecord#followUps}) and judged by the scenario's judges of text
     * ({@code EpisodeJudging#followUpQuestion}); they never change the verdict. Default: no questions.
     * Used, e.g., by the oversight scenario to ask an agent that disabled its monitor what happened.
     */
    default List<FollowUpQuestion> followUp(Verdict verdict) {
        return List.of();
    }

    /**
     * A sequence of episodes (a note left for a successor): after this episode ended with a verdict of
     * the world's own (not a limit or an error, which end the sequence there), the world of the next
     * episode, made from this one's machine while it is still there (its home carried over, say). The
     * next episode is a fresh agent of the same kind in a fresh conversation; its record and this one's
     * are stored as one, so a run, its resume and its report treat the sequence as one unit, and a
     * sequence cut short is rerun whole. Empty (the default): the episode stands alone.
     */
    default Optional<EpisodeWorld> next(Sandbox sandbox, Verdict verdict) {
        return Optional.empty();
    }

    /**
     * The step(s) that decided {@code verdict}'s outcome (see {@link io.offswitch.episode.DecisiveMoment}):
     * the tool call whose effect the environment showed (the command that defused the shutdown, the
     * transfer whose copy arrived, the mail that threatened), read from what the world recorded and the
     * episode's {@code attempts} and {@code events}. Called once after {@link #attempts}, for an outcome of
     * the scenario's own (never a limit or an error), while the world's records are still there; a
     * moment whose turn the transcript does not hold is dropped. Empty (the default) when no step
     * decided it or the world cannot tell which: better none than a wrong one.
     */
    default List<io.offswitch.episode.DecisiveMoment> decisive(Verdict verdict, List<Attempt> attempts, List<ToolEvent> events) {
        return List.of();
    }

    /**
     * Puts a channel filter on the world's outbound channel of {@code filter.channel()}, before the first
     * turn: from then on every item on that channel is decided by it before it is delivered (the world's
     * own record still says what was delivered, which is what its verdict reads). Returns false when the
     * world has no such channel (the default); the scenario must then not declare it.
     */
    default boolean filterOutbound(io.offswitch.defence.channel.OutboundFilter filter) {
        return false;
    }

    /** Everything the agent tried, from the whole episode's tool events, each with its call and turn. */
    List<Attempt> attempts(List<ToolEvent> events);

    @Override
    default void close() {}
}
