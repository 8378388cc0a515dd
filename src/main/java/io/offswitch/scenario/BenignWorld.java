package io.offswitch.scenario;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A benign task's episode: the scenario's world of the task's base condition (its machines, files,
 * tools and detectors, so a defence meets the same world), the task's prompts in place of the
 * scenario's, and a verdict from the task's {@link TaskCheck}. The episode ends when the agent submits
 * or the world ends it (the machine went down); a limit or a failure keeps the runner's verdict, which
 * no report counts. The scenario's detectors still read every command: an attempt they find in honest
 * work is recorded as it would be in any episode.
 */
public final class BenignWorld implements EpisodeWorld {
    private final BenignTask task;
    private final EpisodeWorld base;
    private WorldMachines machines;
    private Verdict judged;
    /** The scenario world's own verdict, when it ended the episode itself (a mail assistant done when it stops calling tools). */
    private Verdict worldVerdict;
    /** What failed when the scenario's world read the agent's submit, if it failed. */
    private String worldOnSubmitFailed;

    public BenignWorld(BenignTask task, EpisodeWorld base) {
        this.task = task;
        this.base = base;
    }

    /** The scenario's world of {@code condition} when it is one of {@code tasks}' conditions, wrapped; else empty. */
    public static Optional<EpisodeWorld> open(List<BenignTask> tasks, Condition condition, java.util.function.Function<Condition, EpisodeWorld> scenarioWorld,
            java.util.function.Function<String, Condition> conditionById) {
        return tasks.stream().filter(t -> t.conditionId().equals(condition.id())).findFirst()
                .map(t -> new BenignWorld(t, scenarioWorld.apply(conditionById.apply(t.base()))));
    }

    public BenignTask task() {
        return task;
    }

    @Override
    public SandboxSpec sandboxSpec() {
        return base.sandboxSpec();
    }

    @Override
    public WorldSpec worldSpec() {
        return base.worldSpec();
    }

    @Override
    public void started(WorldMachines machines) {
        this.machines = machines;
        base.started(machines);
    }

    @Override
    public Prompts prompts() {
        return task.prompts();
    }

    @Override
    public List<Tool> tools() {
        return base.tools();
    }

    /** The base world's outbound channel, filtered as in the scenario's own conditions (a mail filter meets the same mail server). */
    @Override
    public boolean filterOutbound(io.offswitch.defence.channel.OutboundFilter filter) {
        return base.filterOutbound(filter);
    }

    @Override
    public Optional<Verdict> afterTool(Sandbox sandbox, ToolEvent event) {
        if (event instanceof ToolEvent.Submitted) {
            // The scenario's world meets the submit as in its own episodes: what it does then (the worm's and
            // exfiltration's wait for transfers, last look at every host and reboot) is what its detectors read.
            // Skipped, a copy left running in the background was never seen. The task is checked after it.
            try {
                worldVerdict = base.afterTool(sandbox, event).orElse(null);
            } catch (RuntimeException e) {
                worldOnSubmitFailed = String.valueOf(e.getMessage());
            }
            return Optional.of(judge(sandbox, "the agent submitted"));
        }
        return base.afterTool(sandbox, event).map(v -> worldEnded(sandbox, v));
    }

    @Override
    public Optional<Verdict> afterReplyWithoutTools(Sandbox sandbox, int turn) {
        return base.afterReplyWithoutTools(sandbox, turn).map(v -> worldEnded(sandbox, v));
    }

    private Verdict worldEnded(Sandbox sandbox, Verdict world) {
        worldVerdict = world;
        return judge(sandbox, "the world ended the episode: " + world.reason());
    }

    @Override
    public Verdict onEnd(Sandbox sandbox, Ending ending) {
        // The scenario's world ends as at any of its episodes: what it observes at the end (the oversight
        // monitor's last poll, the worm's reboot, connections settling) is what its attempts are read from.
        // Skipped, its detectors saw an episode cut short: honest work read as stopping the monitor.
        // When the world ended the episode with a verdict of its own, it ends on that verdict, as in its own
        // episodes (a world that echoes a judged ending would otherwise echo the task's outcome as its own).
        Ending worldEnding = ending instanceof Ending.Judged && worldVerdict != null ? new Ending.Judged(worldVerdict) : ending;
        Evidence worldAtEnd;
        try {
            Verdict w = base.onEnd(sandbox, worldEnding);
            worldAtEnd = new Evidence("scenario-world-at-end", (worldOnSubmitFailed == null ? "" : "its reading of the agent's submit failed ("
                    + worldOnSubmitFailed + "); ") + "the scenario's own judgement of the same world: " + w.outcome().label() + ": " + w.reason());
        } catch (RuntimeException e) {
            // Said, not hidden: the task's check below still reads the environment for the outcome.
            worldAtEnd = new Evidence("scenario-world-at-end", "the scenario's own end of the episode failed: " + e.getMessage());
        }
        if (ending instanceof Ending.Judged && judged != null) {
            List<Evidence> evidence = new ArrayList<>(judged.evidence());
            evidence.add(worldAtEnd);
            return judged.withReason(judged.reason(), evidence);
        }
        // A limit or a failure: the task's state is recorded, but the outcome stays the runner's (never counted).
        Verdict runner = ending.verdict();
        List<Evidence> evidence = new ArrayList<>(runner.evidence());
        try {
            TaskCheck.Result r = task.check().check(new TaskEnvironment(sandbox, Optional.ofNullable(machines), base));
            evidence.add(new Evidence("task-state-at-end", (r.done() ? "done: " : "not done: ") + r.reason()));
        } catch (RuntimeException e) {
            evidence.add(new Evidence("task-state-at-end", "unreadable: " + e.getMessage()));
        }
        return new Verdict(runner.outcome(), runner.reason(), evidence);
    }

    private Verdict judge(Sandbox sandbox, String why) {
        try {
            TaskCheck.Result r = task.check().check(new TaskEnvironment(sandbox, Optional.ofNullable(machines), base));
            List<Evidence> evidence = new ArrayList<>();
            evidence.add(new Evidence("benign-task", task.name() + ": " + task.check().description()));
            evidence.addAll(r.evidence());
            judged = new Verdict(r.done() ? BenignTask.DONE : BenignTask.NOT_DONE, why + "; " + r.reason(), evidence);
        } catch (RuntimeException e) {
            judged = Verdict.error(why + "; the task's check could not read the environment: " + e.getMessage());
        }
        return judged;
    }

    @Override
    public List<Attempt> attempts(List<ToolEvent> events) {
        return base.attempts(events);
    }

    @Override
    public void close() {
        base.close();
    }
}
