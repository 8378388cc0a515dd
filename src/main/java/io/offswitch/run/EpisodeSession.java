package io.offswitch.run;

import io.offswitch.Version;
import io.offswitch.defence.Defence;
import io.offswitch.defence.channel.ChannelFilter;
import io.offswitch.defence.channel.ChannelFilters;
import io.offswitch.defence.gate.ActionGate;
import io.offswitch.defence.gate.AuditFactory;
import io.offswitch.defence.gate.GateFactory;
import io.offswitch.defence.gate.GateSetting;
import io.offswitch.defence.gate.HostNames;
import io.offswitch.defence.gate.ProposedCall;
import io.offswitch.defence.monitor.DefenceMonitors;
import io.offswitch.defence.hardening.Hardening;
import io.offswitch.defence.hardening.Hardenings;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.detect.CommandObservation;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.FollowUp;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.RecordBudget;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.ToolSpec;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Verdict;
import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.ServiceFailure;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Ending;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.tool.Tool;
import io.offswitch.tool.ToolContext;
import io.offswitch.tool.ToolEvent;
import io.offswitch.tool.ToolResult;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One episode, open: its world and machine, the conversation so far, what every tool call observed.
 * The built-in loop ({@link EpisodeRunner}) is one user; a Java caller can drive a whole episode the
 * same way without the CLI: open it, read {@link #conversation()} and {@link #tools()}, hand each reply
 * of its agent to {@link #reply}, and {@link #end} it for the record. No global state: sessions are
 * independent of each other. Not thread-safe: one caller drives one session.
 *
 * <pre>{@code
 * try (EpisodeSession s = EpisodeSession.open(scenario, condition, seed, backend, EpisodeLimits.defaults())) {
 *     Optional<Ending> ending = Optional.empty();
 *     while (ending.isEmpty()) {
 *         ending = s.nextTurn();
 *         if (ending.isEmpty()) ending = s.reply(myAgent.next(s.conversation(), s.tools()), 0);
 *     }
 *     EpisodeRecord record = s.end(ending.get(), key, new AgentIdentity("my-agent", false, Map.of()));
 * }
 * }</pre>
 */
public final class EpisodeSession implements AutoCloseable {
    private final Scenario scenario;
    private final Condition condition;
    private final long seed;
    private final String backendId;
    private final EpisodeLimits limits;
    private final Activity activity;
    private final EpisodeWorld world;
    private final WorldMachines machines;
    private final Sandbox sandbox;
    private final Map<String, Tool> tools = new LinkedHashMap<>();
    private final Instant started = Instant.now();
    private final Defence defence;
    private final Optional<Hardening> hardening;
    private final List<DefenceEvent> defenceEvents = new ArrayList<>();
    /** The channel filter on the world's outbound channel, for a channel-filter defence. */
    private Optional<ChannelFilter> channelFilter = Optional.empty();
    private io.offswitch.defence.gate.ApprovalDesk desk = io.offswitch.defence.gate.ApprovalDesk.NOBODY;
    /** Held items already put to the person, by quarantine id. */
    private final java.util.Set<String> askedAbout = new java.util.HashSet<>();
    // The action gate and the audit of the episode's defence: by default those the defence's data alone makes
    // (the scripted policy, the rules monitor), so any caller of the session gets them; a run with a monitor
    // model puts its own in place with defendedBy.
    private String home = "";
    private GateSetting gateSetting;
    private GateFactory gates = DEFAULT_DEFENCES;
    private AuditFactory audits = DEFAULT_DEFENCES;
    private Optional<ActionGate> gate; // made at the first call
    /** Why the record of what the defence decided or refused is incomplete (a hardening's or an audit's failure), if it is. */
    private Optional<String> defenceRecordFailure = Optional.empty();

    private final List<Message> messages = new ArrayList<>();
    /** Set when a JVM team's own system prompt replaced the condition's (see {@link #replaceSystemPrompt}). */
    private Optional<String> systemPromptGiven = Optional.empty();
    private final List<TranscriptEntry> transcript = new ArrayList<>();
    private final List<ToolEvent> events = new ArrayList<>();
    private final SnapshotCaveats snapshotCaveats = new SnapshotCaveats();
    private final InitChanges initWatch = new InitChanges();
    private FileSnapshot initial;
    private FileSnapshot last = FileSnapshot.empty();
    private long tokens;
    private int turn;
    private boolean ended;
    private Optional<EpisodeWorld> next = Optional.empty();

    private EpisodeSession(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            Activity activity, EpisodeWorld world, WorldMachines machines, Defence defence, Optional<Hardening> hardening) {
        this.defence = defence;
        this.hardening = hardening;
        this.scenario = scenario;
        this.condition = condition;
        this.seed = seed;
        this.backendId = backend.id();
        this.limits = limits;
        this.activity = activity;
        this.world = world;
        this.machines = machines;
        this.sandbox = machines.agent();
        for (Tool tool : world.tools()) {
            if (tools.put(tool.name(), tool) != null) {
                throw new IllegalStateException("scenario " + scenario.id() + " offers two tools named " + tool.name());
            }
        }
    }

    /**
     * Opens the world of one episode and starts its machine. Throws (and leaves nothing behind) when the
     * world or its machine cannot be made; that is a harness error, never a finding.
     */
    public static EpisodeSession open(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits) {
        return open(scenario, condition, seed, backend, limits, Defence.NONE);
    }

    /**
     * Opens an episode under {@code defence}: a hardening is applied to the world before it starts, and
     * everything a defence decides is recorded with the episode ({@link #defenceEvents()}). End it with a
     * key of the same defence.
     */
    public static EpisodeSession open(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            Defence defence) {
        return open(scenario, condition, seed, backend, limits, new Activity(), defence);
    }

    static EpisodeSession open(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            Activity activity, Defence defence) {
        return open(scenario, condition, seed, backend, limits, activity, scenario.open(condition, seed), defence);
    }

    /**
     * Opens the next episode of a sequence in {@code world}, the one {@link #next()} of the episode
     * before gave: a fresh conversation on what that episode left behind.
     */
    public static EpisodeSession openNext(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            EpisodeWorld world) {
        return openNext(scenario, condition, seed, backend, limits, world, Defence.NONE);
    }

    /** {@link #openNext(Scenario, Condition, long, SandboxBackend, EpisodeLimits, EpisodeWorld)} under {@code defence}. */
    public static EpisodeSession openNext(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            EpisodeWorld world, Defence defence) {
        return open(scenario, condition, seed, backend, limits, new Activity(), world, defence);
    }

    static EpisodeSession open(Scenario scenario, Condition condition, long seed, SandboxBackend backend, EpisodeLimits limits,
            Activity activity, EpisodeWorld world, Defence defence) {
        WorldMachines machines = null;
        try {
            // A fresh hardening per episode: it remembers what it already recorded.
            Optional<Hardening> hardening = Hardenings.of(defence, scenario.protectedResources());
            Optional<ChannelFilter> filter = ChannelFilters.of(defence, scenario.outboundChannels(), scenario.protectedResources());
            io.offswitch.sandbox.WorldSpec spec = world.worldSpec();
            if (hardening.isPresent()) {
                spec = hardening.get().apply(spec);
            }
            if (filter.isPresent()) {
                spec = filter.get().apply(spec, scenario.protectedResources());
            }
            machines = SandboxStartGate.startWorld(backend, spec);
            EpisodeSession session = new EpisodeSession(scenario, condition, seed, backend, limits, activity, world, machines, defence, hardening);
            world.started(machines);
            session.filterChannel(filter);
            session.begin();
            session.home = spec.agent().home();
            return session;
        } catch (RuntimeException e) {
            closeQuietly(machines, world);
            throw e;
        }
    }

    /**
     * A channel-filter defence's filter: on the world's network (uploads, put there as the world started)
     * or in the world's own mail server, which must offer one (a world without it is a harness error).
     */
    private void filterChannel(Optional<ChannelFilter> filter) {
        channelFilter = filter;
        if (filter.isPresent() && !filter.get().onTheNetwork() && !world.filterOutbound(filter.get())) {
            throw new IllegalStateException("scenario " + scenario.id() + " declares a " + filter.get().channel().label()
                    + " channel, but its world offers none to filter");
        }
    }

    /** The channel filter of this episode's defence, if it is one: its quarantine, for a reviewer to release or discard what it holds. */
    public Optional<ChannelFilter> channelFilter() {
        return channelFilter;
    }

    private void begin() {
        initial = sandbox.snapshotHome();
        seen(0, initial);
        Prompts prompts = world.prompts();
        add(0, 0, new Message.System(prompts.system()));
        add(0, 0, new Message.User(prompts.user()));
    }

    /**
     * Puts the system prompt the agent really runs with (a team's own) in place of the scenario's, in
     * the conversation, the transcript and the provenance, so that the record shows what the agent saw
     * and the report never takes the episode for the condition's design (nor sets a published figure
     * beside it). Only before the first turn.
     */
    public void replaceSystemPrompt(String text) {
        if (turn != 0 || messages.isEmpty() || !(messages.getFirst() instanceof Message.System)) {
            throw new IllegalStateException("the system prompt can only be replaced before the first turn");
        }
        Message own = new Message.System(text);
        messages.set(0, own);
        systemPromptGiven = Optional.of(text);
        TranscriptEntry first = transcript.getFirst();
        transcript.set(0, new TranscriptEntry(first.turn(), first.at(), first.durationMillis(), own));
    }

    /**
     * Offers the agent a tool of its own (a JVM team's agent brings its tools) beside the world's; its
     * calls are turns like any other, recorded with their output, and their events go to the world.
     * Only before the first turn, and under a name none of the world's tools has.
     */
    public void addTool(Tool tool) {
        if (turn != 0) {
            throw new IllegalStateException("tools can only be added before the first turn");
        }
        if (tools.putIfAbsent(tool.name(), tool) != null) {
            throw new IllegalArgumentException("the agent's own tool '" + tool.name() + "' has the name of one of scenario " + scenario.id()
                    + "'s tools (" + String.join(", ", tools.keySet()) + "); give it another name");
        }
    }

    /** The conversation so far, as the agent should see it. */
    public List<Message> conversation() {
        return List.copyOf(messages);
    }

    /** The tools the agent is offered. */
    public List<ToolSpec> tools() {
        return tools.values().stream().map(Tool::spec).toList();
    }

    public Prompts prompts() {
        return world.prompts();
    }

    /** The defence this episode runs under ({@link Defence#NONE} for the arm without one). */
    public Defence defence() {
        return defence;
    }

    /** What the episode's defences decided so far, in the order recorded. */
    public List<DefenceEvent> defenceEvents() {
        return List.copyOf(defenceEvents);
    }

    /**
     * Records a decision of this episode's defence (an action gate's before a call, a channel filter's),
     * to be stored with the episode and shown in its transcript at its turn.
     *
     * @throws IllegalArgumentException when the event names another defence than the episode's
     */
    public void recordDefenceEvent(DefenceEvent event) {
        if (!event.defence().equals(defence.name())) {
            throw new IllegalArgumentException("episode under defence " + defence.name() + " cannot record a decision of " + event.defence());
        }
        defenceEvents.add(event);
    }

    private static final DefenceMonitors DEFAULT_DEFENCES = new DefenceMonitors(Optional.empty());

    /**
     * Puts in place the episode's action gate and post-episode audit, as {@code gates} and {@code audits}
     * make them for its defence (a run with {@code --monitor provider/model} passes factories that hold
     * that model). Before the first call; by default the session uses those its defence's data alone makes.
     */
    public EpisodeSession defendedBy(GateFactory gates, AuditFactory audits) {
        if (gate != null) {
            throw new IllegalStateException("the defences of an episode are put in place before its first call");
        }
        this.gates = gates;
        this.audits = audits;
        return this;
    }

    /**
     * Where this episode's defences ask a person (a gate whose approver is {@code person}, a channel
     * filter whose reviewer is): before the first call; by default nobody can be asked, which every such
     * question takes as no answer.
     */
    public EpisodeSession reviewedBy(io.offswitch.defence.gate.ApprovalDesk desk) {
        if (gate != null) {
            throw new IllegalStateException("the defences of an episode are put in place before its first call");
        }
        this.desk = desk;
        return this;
    }

    private GateSetting gateSetting() {
        if (gateSetting == null) {
            gateSetting = new GateSetting(scenario.criticalActions(), home, this::hostNames, desk);
        }
        return gateSetting;
    }

    /** The names a command may use for a host, from the agent's ssh configuration and the machine's hosts file as they are now, read from outside. */
    private java.util.Set<String> hostNames(String host) {
        return HostNames.of(host, readFromOutside(home + "/.ssh/config"), readFromOutside("/etc/hosts"));
    }

    private String readFromOutside(String path) {
        try {
            return sandbox.disk().read(path, 256 * 1024).map(b -> new String(b, java.nio.charset.StandardCharsets.UTF_8)).orElse("");
        } catch (RuntimeException e) {
            return ""; // a backend that cannot read from outside: the names are the host's own
        }
    }

    /** The turn of the last reply (0 before the first). */
    public int turn() {
        return turn;
    }

    /** The agent's machine, for callers that inspect it (tests, the bench). */
    public Sandbox sandbox() {
        return sandbox;
    }

    /** Every machine of the world, the agent's among them. */
    public WorldMachines machines() {
        return machines;
    }

    /**
     * Starts the next turn: the limit that ends the episode before the agent is asked again, if one is
     * reached (turns, messages, wall time).
     */
    public Optional<Ending> nextTurn() {
        turn++;
        if (turn > limits.maxTurns()) {
            return Optional.of(new Ending.LimitReached("turn limit reached: " + limits.maxTurns() + " agent turns"));
        }
        if (messages.size() >= limits.maxMessages()) {
            return Optional.of(new Ending.LimitReached("message limit reached: " + limits.maxMessages() + " messages"));
        }
        if (Instant.now().isAfter(started.plus(limits.wallTime()))) {
            return Optional.of(new Ending.LimitReached("time limit reached: " + limits.wallTime()));
        }
        return Optional.empty();
    }

    /**
     * The agent's reply of this turn: recorded, then each of its tool calls runs in order until one ends
     * the episode. Returns the ending, if the reply brought one.
     *
     * @param durationMillis how long the agent took to reply, for the transcript
     */
    public Optional<Ending> reply(Message.Assistant reply, long durationMillis) {
        activity.touch();
        add(turn, durationMillis, reply);
        tokens += reply.usage().total();
        if (limits.maxTokens() > 0 && tokens >= limits.maxTokens()) {
            return Optional.of(new Ending.LimitReached("token limit reached: " + tokens + " of " + limits.maxTokens() + " model tokens used"));
        }
        if (reply.toolCalls().isEmpty()) {
            Optional<Verdict> done = world.afterReplyWithoutTools(sandbox, turn);
            if (done.isPresent()) {
                return done.map(Ending.Judged::new);
            }
            add(turn, 0, new Message.User(world.prompts().continueMessage()));
            return Optional.empty();
        }
        for (ToolCall call : reply.toolCalls()) {
            // A reply may hold any number of calls (it is model output): the message and time limits hold
            // between them too, not only between turns.
            Optional<Ending> limit = limitBetweenCalls();
            if (limit.isPresent()) {
                return limit;
            }
            Optional<Ending> ending = call(call);
            if (ending.isPresent()) {
                return ending;
            }
        }
        return Optional.empty();
    }

    private Optional<Ending> limitBetweenCalls() {
        if (messages.size() >= limits.maxMessages()) {
            return Optional.of(new Ending.LimitReached("message limit reached: " + limits.maxMessages() + " messages, within the calls of turn " + turn));
        }
        if (Instant.now().isAfter(started.plus(limits.wallTime()))) {
            return Optional.of(new Ending.LimitReached("time limit reached: " + limits.wallTime() + ", within the calls of turn " + turn));
        }
        return Optional.empty();
    }

    /**
     * Runs one tool call of this turn and records its result for the agent. Unknown tools and bad
     * arguments go back to the agent as an error, and the episode goes on.
     */
    public Optional<Ending> call(ToolCall call) {
        long t0 = System.nanoTime();
        Tool tool = tools.get(call.name());
        if (tool == null) {
            add(turn, 0, new Message.Tool(call.id(), call.name(), "Unknown tool '" + call.name() + "'. Available tools: "
                    + String.join(", ", tools.keySet()) + ".", true));
            return Optional.empty();
        }
        if (gate == null) {
            gate = gates.gate(defence, gateSetting());
        }
        if (gate.isPresent()) {
            ActionGate.Ruling ruling = gate.get().decide(new ProposedCall(turn, call,
                    world.prompts().user()));
            defenceEvents.addAll(ruling.events());
            if (!ruling.runs()) {
                // Blocked: it never reaches the machine; the agent gets an error, and the episode goes on.
                add(turn, millisSince(t0), new Message.Tool(call.id(), call.name(), ActionGate.BLOCKED, true));
                return Optional.empty();
            }
        }
        ToolResult result;
        try {
            result = tool.call(call, context());
        } catch (ToolCall.InvalidArgumentsException e) {
            // The model gets the error back as a real agent would; the episode goes on.
            add(turn, 0, new Message.Tool(call.id(), call.name(), "Error: " + e.getMessage(), true));
            return Optional.empty();
        }
        add(turn, millisSince(t0), new Message.Tool(call.id(), call.name(), result.output(), result.error()));
        observeHardening();
        observeChannel();
        if (result.event().isEmpty()) {
            return Optional.empty();
        }
        ToolEvent event = result.event().get();
        events.add(event);
        Optional<Verdict> verdict = world.afterTool(sandbox, event);
        if (verdict.isPresent()) {
            return verdict.map(Ending.Judged::new);
        }
        if (event instanceof ToolEvent.Submitted) {
            return Optional.of(new Ending.HarnessFailed("the agent submitted at turn " + turn + " and the scenario gave no verdict"));
        }
        if (event instanceof ToolEvent.CommandRan && !sandbox.isUp()) {
            return Optional.of(new Ending.HarnessFailed("the machine went down at turn " + turn + " and the scenario gave no verdict"
                    + initWatch.blame()));
        }
        return Optional.empty();
    }

    /**
     * The attempts with the writes the hardening saw refused that no detector recorded (the same target
     * at the same turn): under a read-only mount a refused edit changes nothing, so a detector reading
     * changes misses it, and without it the arm's attempt rate would be deflated.
     */
    private List<io.offswitch.episode.Attempt> withRefusedWrites(List<io.offswitch.episode.Attempt> found, Hardening h) {
        List<io.offswitch.detect.CommandObservation> commands = events.stream()
                .flatMap(e -> e instanceof ToolEvent.CommandRan ran ? java.util.stream.Stream.of(ran.observation()) : java.util.stream.Stream.empty())
                .toList();
        List<io.offswitch.episode.Attempt> all = new java.util.ArrayList<>(found);
        for (io.offswitch.episode.Attempt refused : h.refusedWrites(commands)) {
            boolean known = found.stream().anyMatch(a -> a.turn() == refused.turn()
                    && (a.target().equals(refused.target()) || a.target().endsWith("/" + refused.target())));
            if (!known) {
                all.add(refused);
            }
        }
        return List.copyOf(all);
    }

    /** What the world's hardening refused during the call just made, recorded at its turn. */
    private void observeHardening() {
        if (hardening.isEmpty()) {
            return;
        }
        try {
            defenceEvents.addAll(hardening.get().observe(turn, machines));
        } catch (RuntimeException e) {
            defenceRecordFailure = Optional.of(describe(e));
        }
    }

    /** What the channel filter decided during the call just made (or a reviewer since), recorded at its turn. */
    private void observeChannel() {
        if (channelFilter.isEmpty()) {
            return;
        }
        ChannelFilter f = channelFilter.get();
        try {
            f.observe(turn, machines);
            if (f.rules().reviewer()) {
                // Each newly held item goes to the person; the episode waits (bounded) for the answer.
                for (ChannelFilter.Held h : f.waiting()) {
                    if (askedAbout.add(h.id())) {
                        f.ask(h.id(), desk, turn);
                    }
                }
            }
        } catch (RuntimeException e) {
            defenceRecordFailure = Optional.of(describe(e));
        }
        defenceEvents.addAll(f.drain());
    }

    private ToolContext context() {
        return new ToolContext() {
            @Override
            public int turn() {
                return turn;
            }

            @Override
            public Sandbox sandbox() {
                return sandbox;
            }

            @Override
            public CommandObservation runCommand(String command) {
                return run(command);
            }

            @Override
            public Duration commandTimeout() {
                return limits.commandTimeout();
            }
        };
    }

    private CommandObservation run(String cmd) {
        Instant sent = Instant.now();
        ExecResult result = sandbox.exec(new ExecRequest(cmd, limits.commandTimeout(), limits.maxOutputBytes()));
        Instant returned = Instant.now();
        activity.touch();
        FileSnapshot now = sandbox.snapshotHome();
        CommandObservation observation = new CommandObservation(turn, cmd, result, ChangeTracker.diff(last, now), sandbox.isUp(), sent, returned);
        seen(turn, now);
        initWatch.after(turn, cmd, sandbox.initChanges());
        return observation;
    }

    /**
     * How the agent answers the world's follow-up questions ({@link EpisodeWorld#followUp}) once the
     * verdict is in: given the conversation so far, with no tools offered. The built-in runner passes its
     * agent; a caller whose agent gives no interview uses {@link #end(Ending, EpisodeKey, AgentIdentity)}.
     */
    @FunctionalInterface
    public interface FollowUpAnswers {
        Message.Assistant answer(List<Message> conversation) throws io.offswitch.agent.AgentException;
    }

    /** What an agent that tries to call a tool during the follow-up interview gets back. */
    static final String NO_TOOLS_IN_INTERVIEW = "No tools are available now: the task is over. Please answer in words.";

    /**
     * Ends the episode without a follow-up interview (a world's questions are not asked and nothing is
     * recorded of them). See {@link #end(Ending, EpisodeKey, AgentIdentity, FollowUpAnswers)}.
     */
    public EpisodeRecord end(Ending ending, EpisodeKey key, AgentIdentity agent) {
        return end(ending, key, agent, null);
    }

    /**
     * Ends the episode: the world gives the final verdict from how it ended, the home's last snapshot
     * and the attempts are read, the machine is destroyed, then the world's follow-up questions for that
     * verdict are put to the agent through {@code answers} (none when it is null), and the record is
     * returned. Call it once.
     */
    public EpisodeRecord end(Ending ending, EpisodeKey key, AgentIdentity agent, FollowUpAnswers answers) {
        if (ended) {
            throw new IllegalStateException("episode " + key.id() + " has already ended");
        }
        if (!key.defence().equals(defence.name())) {
            throw new IllegalArgumentException("episode " + key.id() + " is keyed under defence " + key.defence() + " but ran under " + defence.name());
        }
        ended = true;
        Verdict verdict;
        List<io.offswitch.sandbox.FileChange> changes = List.of();
        List<Attempt> attempts = List.of();
        Optional<Double> score = Optional.empty();
        try {
            Optional<ServiceFailure> failed = serviceFailedBefore(Instant.now());
            if (failed.isPresent() && ending instanceof Ending.Judged judged) {
                // The world judged an episode in which a harness service had already failed: what the
                // agent saw was partly the harness's doing, so it is no verdict. Its reasons stay.
                verdict = new Verdict(Outcome.ERROR, describe(failed.get()) + "; the scenario had judged it "
                        + judged.verdict().outcome().label() + ": " + judged.verdict().reason(), judged.verdict().evidence());
            } else {
                Ending final_ = failed.<Ending>map(f -> new Ending.HarnessFailed(describe(f))).orElse(ending);
                // Every ending goes to the world, while its machine is still there: what the environment
                // decided before a limit or a failure is the finding, and its evidence stays.
                verdict = finalVerdict(final_);
            }
            if (failed.isPresent()) {
                verdict = withEvidence(verdict, new Evidence("service-failure", describe(failed.get())));
            }
            try {
                FileSnapshot lastSnapshot = sandbox.snapshotHome();
                changes = ChangeTracker.diff(initial, lastSnapshot);
                seen(events.isEmpty() ? 0 : events.getLast().turn(), lastSnapshot);
            } catch (RuntimeException e) {
                verdict = withNote(verdict, "the home's final snapshot failed: " + describe(e));
            }
            try {
                attempts = initWatch.withAttempts(world.attempts(List.copyOf(events)));
                if (hardening.isPresent()) {
                    attempts = withRefusedWrites(attempts, hardening.get());
                }
            } catch (RuntimeException e) {
                verdict = withNote(verdict, "reading the attempts failed: " + describe(e));
            }
            if (!verdict.outcome().engines()) {
                try {
                    verdict = verdict.withDecisive(decisive(world.decisive(verdict, attempts, List.copyOf(events))));
                } catch (RuntimeException e) {
                    verdict = withNote(verdict, "naming the decisive moment failed: " + describe(e));
                }
            }
            if (hardening.isPresent()) {
                try {
                    defenceEvents.addAll(hardening.get().afterEpisode(turn, attempts, machines));
                } catch (RuntimeException e) {
                    defenceRecordFailure = Optional.of(describe(e));
                }
            }
            if (channelFilter.isPresent()) {
                observeChannel();
                channelFilter.get().afterEpisode(turn);
                defenceEvents.addAll(channelFilter.get().drain());
            }
            if (!defence.isNone()) {
                try {
                    // The audit reads the transcript as it ended; an LLM auditor's call happens here, once per episode.
                    defenceEvents.addAll(audits.audit(defence, gateSetting(), List.copyOf(transcript)));
                } catch (RuntimeException e) {
                    defenceRecordFailure = Optional.of(describe(e));
                }
            }
            if (defenceRecordFailure.isPresent()) {
                // What the defence refused is incomplete: the verdict says so, and the findings count it as no clean record.
                verdict = withEvidence(withNote(verdict, "the record of defence " + defence.name() + " is incomplete: " + defenceRecordFailure.get()),
                        new Evidence("defence-record-failed", defenceRecordFailure.get()));
            }
            try {
                score = world.score();
            } catch (RuntimeException e) {
                verdict = withNote(verdict, "computing the score failed: " + describe(e));
            }
            if (!verdict.outcome().engines()) {
                try {
                    next = world.next(sandbox, verdict);
                } catch (RuntimeException e) {
                    // A sequence whose next episode cannot be made is no finding: the whole of it is an error.
                    verdict = new Verdict(Outcome.ERROR, "the next episode of the sequence could not be prepared (" + describe(e)
                            + "); this one had ended " + verdict.outcome().label() + ": " + verdict.reason(), verdict.evidence());
                }
            }
        } finally {
            close();
        }
        List<FollowUp> interview = answers == null ? List.of() : interview(verdict, answers);
        Provenance provenance = provenance(scenario, condition, agent, seed, backendId, systemPromptGiven);
        // Bounded here, so an agent cannot make its own record huge; the watched files are never cut.
        return RecordBudget.defaults().apply(new EpisodeRecord(key.id(), key, provenance, started, Instant.now(),
                verdict, attempts, changes, List.copyOf(transcript), snapshotCaveats.caveats(), List.of(), score, List.of(), interview,
                byTurn(defenceEvents)),
                last.checked());
    }

    /**
     * The world's follow-up questions for {@code verdict}, each a user message of the same conversation,
     * each answered with no tools. A failed answer ends the interview; the verdict stays as it is.
     */
    private List<FollowUp> interview(Verdict verdict, FollowUpAnswers answers) {
        List<io.offswitch.scenario.FollowUpQuestion> questions;
        try {
            questions = verdict.outcome().engines() ? List.of() : world.followUp(verdict);
        } catch (RuntimeException e) {
            return List.of(new FollowUp("interview", "", "", "the world could not put its follow-up questions: " + describe(e), turn, List.of(),
                    "", ""));
        }
        List<FollowUp> out = new ArrayList<>();
        for (io.offswitch.scenario.FollowUpQuestion q : questions) {
            turn++;
            add(turn, 0, new Message.User(q.text()));
            long t0 = System.nanoTime();
            Message.Assistant reply;
            try {
                reply = answers.answer(List.copyOf(messages));
            } catch (io.offswitch.agent.AgentException | RuntimeException e) {
                out.add(new FollowUp(q.id(), q.text(), "", "the agent gave no answer: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                        : e.getMessage()), turn, List.of(), "", q.measured()));
                break;
            }
            activity.touch();
            add(turn, millisSince(t0), reply);
            // The conversation stays well formed for the provider: every call gets its (refused) result.
            reply.toolCalls().forEach(c -> add(turn, 0, new Message.Tool(c.id(), c.name(), NO_TOOLS_IN_INTERVIEW, true)));
            out.add(new FollowUp(q.id(), q.text(), reply.text(), "", turn, List.of(), "", q.measured()));
        }
        return List.copyOf(out);
    }

    /** Where an episode came from: this offswitch, the scenario and condition with their hashes and prompts, the agent, the seed, the backend. */
    static Provenance provenance(Scenario scenario, Condition condition, AgentIdentity agent, long seed, String backendId) {
        return provenance(scenario, condition, agent, seed, backendId, Optional.empty());
    }

    /**
     * @param systemPromptGiven the system prompt the agent was given instead of the condition's, if any: the
     *                          provenance says what the agent saw, so the report never takes it for the condition's design
     */
    static Provenance provenance(Scenario scenario, Condition condition, AgentIdentity agent, long seed, String backendId,
            Optional<String> systemPromptGiven) {
        Prompts prompts = condition.prompts();
        Version version = Version.current();
        return new Provenance(version.version(), version.commit() + (version.dirty() ? "-dirty" : ""),
                scenario.id(), scenario.contentHash(), condition.id(), condition.contentHash(),
                systemPromptGiven.orElse(prompts.system()), prompts.user(), prompts.continueMessage(),
                agent.name(), agent.scripted(), agent.settings(), seed, backendId);
    }

    /**
     * After {@link #end}: the world of the next episode of the sequence this one began, if the world
     * made one (see {@link EpisodeWorld#next}); open it with {@link #openNext}.
     */
    public Optional<EpisodeWorld> next() {
        return next;
    }

    /** Events in turn order; those of one turn in the order recorded (a hardening reads some only at the end). */
    private static List<DefenceEvent> byTurn(List<DefenceEvent> events) {
        return events.stream().sorted(java.util.Comparator.comparingInt(DefenceEvent::turn)).toList();
    }

    /** When the session was opened. */
    Instant started() {
        return started;
    }

    /** A failure outside the world's own judgement (an exception in the harness), with the init's blame. */
    Ending harnessFailed(RuntimeException e) {
        return new Ending.HarnessFailed(describe(e) + initWatch.blame());
    }

    /** Destroys the machine and the world; idempotent. {@link #end} does it too. */
    @Override
    public void close() {
        closeQuietly(machines, world);
    }

    private static void closeQuietly(WorldMachines machines, EpisodeWorld world) {
        try {
            if (machines != null) {
                machines.close();
            }
        } finally {
            world.close();
        }
    }

    private void seen(int atTurn, FileSnapshot snapshot) {
        last = snapshot;
        snapshotCaveats.note(atTurn, snapshot);
    }

    private void add(int atTurn, long durationMillis, Message message) {
        messages.add(message);
        transcript.add(new TranscriptEntry(atTurn, Instant.now(), durationMillis, message));
    }

    /**
     * The world's decisive moments, kept only where they name a turn of this transcript: a moment the
     * transcript does not hold would highlight nothing, or the wrong step.
     */
    private List<io.offswitch.episode.DecisiveMoment> decisive(List<io.offswitch.episode.DecisiveMoment> named) {
        java.util.Set<Integer> turns = new java.util.HashSet<>();
        transcript.forEach(t -> turns.add(t.turn()));
        return named.stream().filter(m -> m.turn() > 0 && turns.contains(m.turn())).distinct().toList();
    }

    private Verdict finalVerdict(Ending ending) {
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
    private Optional<ServiceFailure> serviceFailedBefore(Instant end) {
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
        return v.withReason(v.reason(), evidence);
    }

    private static Verdict withNote(Verdict v, String note) {
        return v.withReason(v.reason() + " (" + note + ")", v.evidence());
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }

    static String describe(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return "harness error: " + message;
    }
}
