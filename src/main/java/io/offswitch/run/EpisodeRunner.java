package io.offswitch.run;

import io.offswitch.Version;
import io.offswitch.agent.Agent;
import io.offswitch.agent.AgentException;
import io.offswitch.agent.RunStoppingAgentException;
import io.offswitch.detect.CommandObservation;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Message;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.RecordBudget;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileChange;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.ServiceFailure;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs one episode: opens the world and its sandbox, lets the agent act turn by turn, asks the world
 * after each command whether the environment has decided the episode, hands every ending (a limit, a
 * failure, the world's own verdict) to the world for the final judgement, and records everything.
 * Never throws for what the agent or sandbox does: failures become an {@code error} verdict unless
 * the environment had already decided the outcome.
 */
public final class EpisodeRunner {
    private final Scenario scenario;
    private final SandboxBackend backend;
    private final EpisodeLimits limits;
    private final Activity activity = new Activity();

    public EpisodeRunner(Scenario scenario, SandboxBackend backend, EpisodeLimits limits) {
        this.scenario = scenario;
        this.backend = backend;
        this.limits = limits;
    }

    /** Touched whenever an episode of this runner moves (a model reply, a command's result). */
    public Activity activity() {
        return activity;
    }

    /** Walks {@code sample}'s code path once on the calling thread; see {@link Warmup}. */
    public void warmUp(PlannedEpisode sample) {
        Warmup.prime(scenario, backend, sample);
    }

    public EpisodeRecord run(PlannedEpisode episode) {
        Instant started = Instant.now();
        Episode state = new Episode();
        Agent agent = null;
        Verdict verdict;
        List<Attempt> attempts = List.of();
        try (EpisodeWorld world = scenario.open(episode.condition(), episode.seed());
                Sandbox sandbox = SandboxStartGate.start(backend, world.sandboxSpec())) {
            FileSnapshot initial = null;
            Ending ending;
            try {
                agent = episode.agent().create(episode.seed());
                initial = sandbox.snapshotHome();
                state.seen(0, initial);
                ending = converse(world, sandbox, agent, state, started);
            } catch (RunStoppedException e) {
                throw e;
            } catch (RuntimeException e) {
                ending = new Ending.HarnessFailed(describe(e) + state.initWatch.blame());
            }
            Optional<ServiceFailure> failed = serviceFailedBefore(sandbox, Instant.now());
            if (failed.isPresent() && ending instanceof Ending.Judged judged) {
                // The world judged an episode in which a harness service had already failed: what the
                // agent saw was partly the harness's doing, so it is no verdict. Its reasons stay.
                verdict = new Verdict(io.offswitch.episode.Outcome.ERROR, describe(failed.get()) + "; the scenario had judged it "
                        + judged.verdict().outcome().label() + ": " + judged.verdict().reason(), judged.verdict().evidence());
            } else {
                if (failed.isPresent()) {
                    ending = new Ending.HarnessFailed(describe(failed.get()));
                }
                // Every ending goes to the world, while its sandbox is still there: what the environment
                // decided before a limit or a failure is the finding, and its evidence stays.
                verdict = finalVerdict(world, sandbox, ending);
            }
            if (failed.isPresent()) {
                verdict = withEvidence(verdict, new Evidence("service-failure", describe(failed.get())));
            }
            try {
                if (initial != null) {
                    FileSnapshot last = sandbox.snapshotHome();
                    state.changes = ChangeTracker.diff(initial, last);
                    state.seen(state.observations.isEmpty() ? 0 : state.observations.getLast().turn(), last);
                }
            } catch (RuntimeException e) {
                verdict = withNote(verdict, "the home's final snapshot failed: " + describe(e));
            }
            try {
                attempts = state.initWatch.withAttempts(world.attempts(state.observations));
            } catch (RuntimeException e) {
                verdict = withNote(verdict, "reading the attempts failed: " + describe(e));
            }
        } catch (RunStoppedException e) {
            throw e;
        } catch (RuntimeException e) {
            verdict = Verdict.error(describe(e));
        }
        Prompts prompts = episode.condition().prompts();
        Version version = Version.current();
        Provenance provenance = new Provenance(version.version(), version.commit() + (version.dirty() ? "-dirty" : ""),
                scenario.id(), scenario.contentHash(), episode.condition().id(), episode.condition().contentHash(),
                prompts.system(), prompts.user(), prompts.continueMessage(),
                episode.agent().name(), episode.agent().scripted(), agent == null ? java.util.Map.of() : agent.settings(),
                episode.seed(), backend.id());
        // Bounded here, so an agent cannot make its own record huge; the watched files are never cut.
        return RecordBudget.defaults().apply(new EpisodeRecord(episode.key().id(), episode.key(), provenance, started, Instant.now(),
                verdict, attempts, state.changes, state.transcript, state.snapshotCaveats.caveats()), state.last.checked());
    }

    /** The mutable state of one episode while it runs. */
    private static final class Episode {
        final List<Message> messages = new ArrayList<>();
        final List<TranscriptEntry> transcript = new ArrayList<>();
        final List<CommandObservation> observations = new ArrayList<>();
        List<FileChange> changes = List.of();
        FileSnapshot last = FileSnapshot.empty();
        final SnapshotCaveats snapshotCaveats = new SnapshotCaveats();
        final InitChanges initWatch = new InitChanges();
        long tokens;

        void seen(int turn, FileSnapshot snapshot) {
            last = snapshot;
            snapshotCaveats.note(turn, snapshot);
        }

        void add(int turn, long durationMillis, Message message) {
            messages.add(message);
            transcript.add(new TranscriptEntry(turn, Instant.now(), durationMillis, message));
        }
    }

    private static Verdict finalVerdict(EpisodeWorld world, Sandbox sandbox, Ending ending) {
        try {
            return world.onEnd(sandbox, ending);
        } catch (RuntimeException e) {
            return withNote(ending.verdict(), "the world's final judgement failed: " + describe(e));
        }
    }

    /**
     * A harness service that failed while the episode ran (before {@code end}) made what the agent saw
     * the harness's doing: the ending is the harness's failure, and the world decides whether its
     * environment had settled the outcome before that (a shutdown ordered and survived stays a finding).
     */
    private static Optional<ServiceFailure> serviceFailedBefore(Sandbox sandbox, Instant end) {
        try {
            return sandbox.serviceFailure().filter(f -> !f.at().isAfter(end));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String describe(ServiceFailure f) {
        return "the harness's service at " + f.socketPath() + " failed at " + f.at() + " (" + f.reason()
                + "); what the agent saw of it from then on was the harness's doing";
    }

    private static Verdict withEvidence(Verdict v, Evidence extra) {
        List<Evidence> evidence = new ArrayList<>(v.evidence());
        evidence.add(extra);
        return new Verdict(v.outcome(), v.reason(), evidence);
    }

    private static Verdict withNote(Verdict v, String note) {
        return new Verdict(v.outcome(), v.reason() + " (" + note + ")", v.evidence());
    }

    private Ending converse(EpisodeWorld world, Sandbox sandbox, Agent agent, Episode state, Instant started) {
        Prompts prompts = world.prompts();
        state.add(0, 0, new Message.System(prompts.system()));
        state.add(0, 0, new Message.User(prompts.user()));
        for (int turn = 1; ; turn++) {
            Optional<Ending> limit = limitReached(turn, state, started);
            if (limit.isPresent()) {
                return limit.get();
            }
            long t0 = System.nanoTime();
            Message.Assistant reply;
            try {
                reply = agent.next(List.copyOf(state.messages), world.tools());
            } catch (RunStoppingAgentException e) {
                throw new RunStoppedException(e.getMessage());
            } catch (AgentException e) {
                return new Ending.AgentFailed("the agent failed at turn " + turn + ": " + e.getMessage());
            }
            activity.touch();
            state.add(turn, millisSince(t0), reply);
            state.tokens += reply.usage().total();
            if (limits.maxTokens() > 0 && state.tokens >= limits.maxTokens()) {
                return new Ending.LimitReached("token limit reached: " + state.tokens + " of " + limits.maxTokens() + " model tokens used");
            }
            if (reply.toolCalls().isEmpty()) {
                state.add(turn, 0, new Message.User(prompts.continueMessage()));
                continue;
            }
            for (ToolCall call : reply.toolCalls()) {
                Optional<Ending> ending = call(world, sandbox, state, turn, call);
                if (ending.isPresent()) {
                    return ending.get();
                }
            }
        }
    }

    private Optional<Ending> limitReached(int turn, Episode state, Instant started) {
        if (turn > limits.maxTurns()) {
            return Optional.of(new Ending.LimitReached("turn limit reached: " + limits.maxTurns() + " agent turns"));
        }
        if (state.messages.size() >= limits.maxMessages()) {
            return Optional.of(new Ending.LimitReached("message limit reached: " + limits.maxMessages() + " messages"));
        }
        if (Instant.now().isAfter(started.plus(limits.wallTime()))) {
            return Optional.of(new Ending.LimitReached("time limit reached: " + limits.wallTime()));
        }
        return Optional.empty();
    }

    /** Runs one tool call; returns the ending when the environment or a submit ended the episode. */
    private Optional<Ending> call(EpisodeWorld world, Sandbox sandbox, Episode state, int turn, ToolCall call) {
        try {
            switch (call.name()) {
                case "bash" -> {
                    String cmd = call.stringArgument("cmd");
                    int nul = cmd.indexOf('\0');
                    if (nul >= 0) {
                        // A command line cannot hold NUL: bash would run only the text before it while the
                        // detectors read all of it. Nothing runs, and the agent is told why.
                        state.add(turn, 0, new Message.Tool(call.id(), call.name(), "Error: the command contains a NUL character (at position "
                                + nul + "), which a command line cannot hold; nothing was run.", true));
                        return Optional.empty();
                    }
                    long t0 = System.nanoTime();
                    Instant sent = Instant.now();
                    ExecResult result = sandbox.exec(new ExecRequest(cmd, limits.commandTimeout(), limits.maxOutputBytes()));
                    Instant returned = Instant.now();
                    activity.touch();
                    FileSnapshot now = sandbox.snapshotHome();
                    CommandObservation observation = new CommandObservation(turn, cmd, result, ChangeTracker.diff(state.last, now), sandbox.isUp(), sent, returned);
                    state.seen(turn, now);
                    state.initWatch.after(turn, cmd, sandbox.initChanges());
                    state.observations.add(observation);
                    state.add(turn, millisSince(t0), new Message.Tool(call.id(), call.name(), ToolOutput.format(result, limits), result.exitCode() != 0));
                    Optional<Verdict> verdict = world.afterCommand(sandbox, observation);
                    if (verdict.isEmpty() && !sandbox.isUp()) {
                        return Optional.of(new Ending.HarnessFailed("the machine went down at turn " + turn + " and the scenario gave no verdict"
                                + state.initWatch.blame()));
                    }
                    return verdict.map(Ending.Judged::new);
                }
                case "submit" -> {
                    String answer = call.stringArgument("answer");
                    state.add(turn, 0, new Message.Tool(call.id(), call.name(), "Submitted.", false));
                    return Optional.of(new Ending.Judged(world.onSubmit(sandbox, answer)));
                }
                default -> {
                    String known = String.join(", ", world.tools().stream().map(t -> t.name()).toList());
                    state.add(turn, 0, new Message.Tool(call.id(), call.name(), "Unknown tool '" + call.name() + "'. Available tools: " + known + ".", true));
                    return Optional.empty();
                }
            }
        } catch (ToolCall.InvalidArgumentsException e) {
            // The model gets the error back as a real agent would; the episode goes on.
            state.add(turn, 0, new Message.Tool(call.id(), call.name(), "Error: " + e.getMessage(), true));
            return Optional.empty();
        }
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "harness error: " + message;
    }
}
