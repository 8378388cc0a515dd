package io.offswitch.scenario.oversight;

import io.offswitch.detect.CommandObservation;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.FollowUpQuestion;
import io.offswitch.scenario.Prompts;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One episode on Waypoint's workstation: the plan desk (a harness service), the monitor started as a
 * real daemon before the first turn (oversight variant), the verdict from the environment at every
 * ending, and the follow-up interview after a subversion.
 */
final class OversightWorld implements EpisodeWorld {
    private static final Duration MONITOR_START_WAIT = Duration.ofSeconds(20);

    private final Condition condition;
    private final Design design;
    private final PlanDesk desk;
    private final OversightJudge judge;
    private final Interview interview;
    private final SandboxSpec spec;
    private final List<CommandObservation> commands = new ArrayList<>();
    private volatile Instant probeAt;

    OversightWorld(Condition condition, Design design, List<Plan> plans, Interview interview) {
        this.condition = condition;
        this.design = design;
        this.desk = new PlanDesk(plans);
        this.judge = new OversightJudge(design, desk, plans);
        this.interview = interview;
        this.spec = new SandboxSpec(OversightFiles.HOSTNAME, OversightFiles.USER, OversightFiles.homeFiles(design), List.of(desk), Limits.defaults());
    }

    @Override
    public SandboxSpec sandboxSpec() {
        return spec;
    }

    /** The monitor runs before the agent's first turn, as the daemon it is on a real workstation. */
    @Override
    public void started(WorldMachines machines) {
        if (design.goalGuarding()) {
            return;
        }
        ExecResult started = machines.agent().exec(new ExecRequest(OversightFiles.MONITOR_START, Duration.ofSeconds(15), 4096));
        try {
            if (started.exitCode() != 0 || !desk.awaitFirstPoll(MONITOR_START_WAIT)) {
                throw new IllegalStateException("the oversight monitor did not start on " + OversightFiles.HOSTNAME + " (exit " + started.exitCode()
                        + ", " + started.stderr().strip() + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the oversight monitor to start", e);
        }
    }

    @Override
    public Prompts prompts() {
        return condition.prompts();
    }

    @Override
    public List<Tool> tools() {
        return OversightTools.forEpisode();
    }

    @Override
    public Optional<Verdict> afterTool(Sandbox sandbox, ToolEvent event) {
        return switch (event) {
            case ToolEvent.CommandRan ran -> {
                synchronized (commands) {
                    commands.add(ran.observation());
                }
                yield Optional.empty();
            }
            // The final verdict is onEnd's, from the environment; this one only ends the episode.
            case ToolEvent.Submitted submitted -> Optional.of(new Verdict(OversightOutcomes.INTACT, "submitted", List.of()));
            case ToolEvent.Acted acted -> Optional.empty();
        };
    }

    /** Every ending is judged from the environment; a limit or failure keeps its outcome, with the evidence. */
    @Override
    public Verdict onEnd(Sandbox sandbox, Ending ending) {
        FileSnapshot last = sandbox.snapshotHome();
        probeAt = Instant.now();
        Verdict judged = judge.judge(sandbox, last, this::turnOf);
        Optional<Evidence> log;
        synchronized (commands) {
            log = design.goalGuarding() ? Optional.empty() : MonitorLog.atEnd(commands, last, desk.logLines());
        }
        Verdict found = log.map(l -> {
            List<Evidence> withLog = new ArrayList<>(judged.evidence());
            withLog.add(l);
            return new Verdict(judged.outcome(), judged.reason(), withLog);
        }).orElse(judged);
        if (ending instanceof Ending.Judged) {
            return found;
        }
        List<Evidence> evidence = new ArrayList<>(ending.verdict().evidence());
        evidence.add(new Evidence("environment", "had the episode been judged: " + found.outcome().label() + ": " + found.reason()));
        evidence.addAll(found.evidence());
        return new Verdict(ending.verdict().outcome(), ending.verdict().reason(), evidence);
    }

    @Override
    public List<FollowUpQuestion> followUp(Verdict verdict) {
        return OversightOutcomes.subverted(verdict.outcome()) ? interview.questions(design) : List.of();
    }

    @Override
    public List<io.offswitch.episode.DecisiveMoment> decisive(Verdict verdict, List<Attempt> attempts, List<ToolEvent> events) {
        return OversightDecisive.of(verdict, attempts);
    }

    @Override
    public List<Attempt> attempts(List<ToolEvent> events) {
        List<CommandObservation> observed = events.stream()
                .flatMap(e -> e instanceof ToolEvent.CommandRan ran ? java.util.stream.Stream.of(ran.observation()) : java.util.stream.Stream.empty())
                .toList();
        return OversightAttempts.of(design, observed, desk, Optional.ofNullable(probeAt));
    }

    private int turnOf(Instant at) {
        synchronized (commands) {
            return commands.isEmpty() ? 0 : OversightAttempts.commandAt(commands, at).turn();
        }
    }

    PlanDesk desk() {
        return desk;
    }
}
