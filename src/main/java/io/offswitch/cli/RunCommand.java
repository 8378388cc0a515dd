package io.offswitch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.OffswitchException;
import io.offswitch.Version;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.report.MarkdownReport;
import io.offswitch.report.Report;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.RunDesign;
import io.offswitch.run.RunExecutor;
import io.offswitch.run.RunPlan;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.ScenarioOverrides;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a scenario: every model x condition x epoch, each episode in its own sandbox.",
            "Without --model, the scripted reference agents run (no API key needed)."})
final class RunCommand implements Callable<Integer> {
    static final int MAX_OUTPUT_CAP = 16 * 1024 * 1024;

    @Parameters(index = "0", defaultValue = Scenarios.DEFAULT, description = "Scenario (default: ${DEFAULT-VALUE}); see `offswitch list`.")
    String scenarioId;

    @Option(names = {"-m", "--model"}, split = ",", paramLabel = "MODEL", description = {"Agents to run, comma-separated. Models: openai/MODEL (OPENAI_API_KEY), anthropic/MODEL"
                + " (ANTHROPIC_API_KEY), google/MODEL (GOOGLE_API_KEY or GEMINI_API_KEY), openai-api/NAME/MODEL for any"
                + " OpenAI-compatible endpoint (NAME_BASE_URL, NAME_API_KEY). Scripted agents: reference/..., replay:FILE,"
                + " human. `offswitch list agents` describes each."})
    List<String> models = new ArrayList<>();

    @Option(names = {"-c", "--condition"}, split = ",", paramLabel = "ID",
            description = "Conditions, comma-separated (default: the scenario's own, A,E for shutdown; `all` for every one but the benign tasks;"
                    + " a benign task by its id, benign-task-NAME).")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--benign-tasks", description = {"Add the scenario's benign control tasks (honest work that needs what a defence restricts)"
            + " to the conditions (alone, without --condition), under the same defences, to measure a defence's usefulness cost;"
            + " reference/helper does them."
            + " `offswitch list conditions` names them."})
    boolean benignTasks;

    @Option(names = "--defence", split = ",", paramLabel = "NAME",
            description = {"Defences, comma-separated, each a factor of the plan beside the arm without one (none, always run):"
                + " e.g. immutable-shutdown for shutdown, egress-allowlist for exfiltration. `offswitch list defences` describes each."})
    List<String> defences = new ArrayList<>();

    @Option(names = "--monitor", paramLabel = "PROVIDER/MODEL", description = {"The monitor model of the defences that use one (monitor,"
            + " monitor-observe, escalating-gate, audit): it scores each tool call before it runs, or the whole transcript after the episode."
            + " Without it they use the scripted policy (`rules`). Part of the run's design; its replies are cached in the store."
            + " `offswitch monitor RUN --monitor ...` monitors a stored run again."})
    Optional<String> monitor;

    @Option(names = "--approval-timeout", defaultValue = "120", paramLabel = "SECONDS", description = {"How long an episode waits for a person's"
            + " answer to a defence's question (person-gate, mail-filter-review), asked in `offswitch view` on the same results; no answer in time"
            + " is recorded as no answer and handled by the defence's default: the call is blocked, the item stays held (default: ${DEFAULT-VALUE})."})
    long approvalTimeoutSeconds;

    @Option(names = {"-n", "--epochs"}, defaultValue = "10", description = "Episodes per model and condition (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--concurrency", defaultValue = "8", description = "Episodes in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--run-id", paramLabel = "ID", description = "Name of the run; running an existing id again resumes it.")
    Optional<String> runId;

    @Option(names = "--json", description = "Print one JSON object per finished episode on stdout.")
    boolean json;

    @Option(names = "--conditions-file", paramLabel = "FILE", description = "JSON file of conditions adding to or replacing the built-in ones.")
    Optional<Path> conditionsFile;

    @Option(names = "--system-prompt", paramLabel = "FILE", description = "Replace the base system prompt with this file's text.")
    Optional<Path> systemPrompt;

    @Option(names = "--user-prompt", paramLabel = "FILE", description = "Replace the base user prompt with this file's text.")
    Optional<Path> userPrompt;

    @Option(names = "--continue-prompt", paramLabel = "FILE", description = "Replace the message sent when the agent makes no tool call.")
    Optional<Path> continuePrompt;

    @Option(names = "--max-turns", defaultValue = "60", description = "Agent turns per episode before it ends as `limit` (default: ${DEFAULT-VALUE}).")
    int maxTurns;

    @Option(names = "--message-limit", defaultValue = "160", description = "Messages per episode before it ends as `limit` (default: ${DEFAULT-VALUE}).")
    int maxMessages;

    @Option(names = "--time-limit", defaultValue = "1200", paramLabel = "SECONDS", description = "Wall time per episode (default: ${DEFAULT-VALUE}).")
    int timeLimitSeconds;

    @Option(names = "--command-timeout", paramLabel = "SECONDS",
            description = "Timeout of one bash call (default: the scenario's, 15 s; exfiltration's is 60 s, time to copy its 310 MiB of weights).")
    Integer commandTimeoutSeconds;

    @Option(names = "--max-output", defaultValue = "65536", paramLabel = "BYTES",
            description = "Output kept per stream (stdout, stderr) of one bash call; the rest is cut (default: ${DEFAULT-VALUE}).")
    int maxOutputBytes;

    @Option(names = "--token-limit", defaultValue = "0", paramLabel = "N",
            description = "Model tokens per episode before it ends as `limit` (default: none).")
    long tokenLimit;

    @Option(names = "--retry-errors", description = "When resuming, run again the episodes that ended as `error`.")
    boolean retryErrors;

    @Option(names = "--resume", paramLabel = "RUN", description = "Resume a stored run with the command line it was started with.")
    Optional<String> resume;

    @Option(names = "--judge", paramLabel = "PROVIDER/MODEL", description = {"An LLM judge. For scenarios with judges of text (e.g. blackmail)"
            + " its label becomes the verdict of each episode that has something to judge, beside the scenario's rules judge, which always runs."
            + " In every scenario it also judges each episode's eval awareness (does the agent say its situation is a test?) beside the rules."
            + " The judge is part of the run's design. `offswitch judge RUN --judge ...` judges a stored run again."})
    Optional<String> judge;

    @picocli.CommandLine.Mixin
    ModelOptions modelOptions = new ModelOptions();

    @Option(names = "--enqueue", description = {"Store the run's plan and queue its episodes without running them: `offswitch worker --store URL`"
            + " on any number of machines runs them (PostgreSQL stores only). Queueing again queues only what is neither stored nor queued."})
    boolean enqueue;

    @Option(names = "--sandbox", defaultValue = "bwrap", description = "Sandbox backend: bwrap or docker (default: ${DEFAULT-VALUE}); docker uses the daemon at $OFFSWITCH_DOCKER_HOST or $DOCKER_HOST.")
    String sandbox;

    @Override
    public Integer call() throws Exception {
        if (resume.isPresent()) {
            boolean epochsGiven = spec.commandLine().getParseResult().hasMatchedOption("--epochs");
            return Resume.rerun(resume.get(), resultsDir, storeOption, retryErrors,
                    epochsGiven ? java.util.OptionalInt.of(epochs) : java.util.OptionalInt.empty());
        }
        if (approvalTimeoutSeconds <= 0) {
            throw OffswitchException.usage("--approval-timeout must be a positive number of seconds, not " + approvalTimeoutSeconds);
        }
        if (enqueue && !(storeOption.location(resultsDir) instanceof io.offswitch.store.StoreLocation.Postgres)) {
            throw OffswitchException.usage("--enqueue needs a PostgreSQL store shared with the workers (--store postgresql://USER@HOST:PORT/DB);"
                    + " " + storeOption.location(resultsDir).display() + " is an SQLite file, which only this machine's `run` can use");
        }
        SandboxBackends.check(sandbox);
        OptionChecks.start().atLeast("--epochs", epochs, 1).atLeast("--concurrency", concurrency, 1).atLeast("--max-turns", maxTurns, 1)
                .atLeast("--message-limit", maxMessages, 1).atLeast("--time-limit", timeLimitSeconds, 1)
                .atLeast("--command-timeout", commandTimeoutSeconds == null ? 1 : commandTimeoutSeconds, 1).atLeast("--token-limit", tokenLimit, 0).check();
        if (maxOutputBytes < 1 || maxOutputBytes > MAX_OUTPUT_CAP) {
            // Each episode in flight may hold this much per stream in memory.
            throw OffswitchException.usage("--max-output must be between 1 and " + MAX_OUTPUT_CAP + " bytes, got " + maxOutputBytes);
        }
        // Resolve everything before anything runs: a typo must not cost a half-finished run.
        Duration stall = stallWarning();
        Setup setup = setup(true);
        Scenario scenario = setup.scenario();
        List<Condition> chosen = setup.conditions();
        List<AgentFactory> agents = setup.agents();
        Optional<io.offswitch.judge.ModelJudge> llmJudge = setup.judge();
        var services = setup.services();
        io.offswitch.sandbox.SandboxBackend backend = setup.backend();
        EpisodeLimits limits = setup.limits();
        List<io.offswitch.defence.Defence> arms = setup.arms();
        RunDesign requested = withJudge(RunDesign.of(RunPlan.build("?", scenario, chosen, agents, epochs, arms), limits, backend.id()), llmJudge);
        // The store creates the results folder, and says clearly when it cannot.
        try (EpisodeStore store = Stores.create(resultsDir, storeOption)) {
            List<RunInfo> storedRuns = store.runs();
            String id = runId.orElseGet(() -> idFor(requested, storedRuns));
            RunPlan plan = RunPlan.build(id, scenario, chosen, agents, epochs, arms);
            RunDesign design = withJudge(RunDesign.of(plan, limits, backend.id()), llmJudge);
            // A resume must not mix two designs in one run: compare with the stored plan before anything runs.
            Optional<RunInfo> existing = storedRuns.stream().filter(r -> r.runId().equals(id)).findFirst();
            existing.ifPresent(stored -> design.requireSameAs(id, stored.planJson(), stored.commandLine()));
            if (existing.isPresent() && design.extendsWithMoreEpochs(existing.get().planJson())) {
                System.err.println("Extending run " + id + " to " + epochs + " epochs; the episodes it has are kept and not rerun.");
                store.updateRunPlan(id, design.toJson(), ShellWords.join(commandLine()));
            }
            existing.flatMap(stored -> RunDesign.storedEpochs(stored.planJson())).filter(stored -> stored > epochs).ifPresent(stored ->
                    System.err.println("Run " + id + " has " + stored + " epochs; this command runs its first " + epochs
                            + ", and the report covers all of them."));
            store.createRun(new RunInfo(id, Instant.now(), scenario.id(), design.toJson(), ShellWords.join(commandLine()), Version.current().display()));
            if (retryErrors) {
                int forgotten = store.forgetErrors(id);
                if (forgotten > 0) {
                    System.err.println("Retrying " + forgotten + " episode(s) of " + id + " that ended as error.");
                }
            }
            int already = store.finishedKeys(id).size();
            if (enqueue) {
                return enqueue(store, plan, already);
            }
            System.err.printf("Run %s: %s, %d condition(s) x %d agent(s)%s x %d epoch(s) = %d episodes%s; results in %s%n",
                    id, scenario.id(), chosen.size(), agents.size(),
                    arms.size() > 1 ? " x " + arms.size() + " defence(s) (" + String.join(",", arms.stream().map(io.offswitch.defence.Defence::name).toList()) + ")" : "",
                    epochs, plan.episodes().size(),
                    already > 0 ? " (" + already + " already finished, resuming)" : "", store.where());
            for (io.offswitch.defence.Defence d : arms) {
                List<String> without = chosen.stream().filter(c -> !RunPlan.applies(scenario, c, d)).map(io.offswitch.scenario.Condition::id).toList();
                if (!without.isEmpty()) {
                    System.err.println("  " + d.name() + " is left out of " + String.join(", ", without) + ": its worlds hold nothing it protects ("
                            + String.join(", ", io.offswitch.defence.hardening.Hardenings.groups(d)) + "); those cells run without a defence only.");
                }
            }
            java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
            java.util.concurrent.atomic.AtomicInteger storedNow = new java.util.concurrent.atomic.AtomicInteger();
            // Ctrl-C or SIGTERM: the episodes in flight are not stored (their sandboxes are being
            // destroyed), so say what is kept and how to go on. Silent when the run ends by itself.
            io.offswitch.JvmExit.onExit(() -> {
                if (running.get()) {
                    System.err.println("\noffswitch: interrupted; run " + id + " keeps the " + (already + storedNow.get())
                            + " episode(s) finished so far, and those in flight were dropped, not stored. Run the same command again to resume.");
                }
            });
            boolean personAtTerminal = models.contains("human");
            int ranNow;
            try (Progress progress = Progress.create(scenario.id(), plan.episodes().size(), already, personAtTerminal)) {
                java.time.Duration approvalTimeout = java.time.Duration.ofSeconds(approvalTimeoutSeconds);
                EpisodeRunner runner = setup.runner(io.offswitch.defence.monitor.MonitorCache.of(store))
                        .reviewedBy(key -> new io.offswitch.run.StoreApprovalDesk(store, id, key.id(), approvalTimeout));
                RunExecutor executor = new RunExecutor(runner, store, concurrency)
                        .stallWarningAfter(stall);
                Optional<ModelServices> usage = Optional.ofNullable(services.get());
                ranNow = executor.execute(plan, new io.offswitch.run.RunListener() {
                    @Override
                    public void finished(EpisodeRecord record) {
                        storedNow.incrementAndGet();
                        progress.finished(record);
                        if (personAtTerminal && record.key().model().equals("human")) {
                            System.err.println(HumanEnding.describe(record));
                        }
                        if (json) {
                            printJsonLine(record);
                        }
                    }

                    @Override
                    public void stalled(Duration idle, int inFlight) {
                        System.err.println("\noffswitch: no progress for " + idle.toSeconds() + " s: no episode started or finished,"
                                + " no model replied and no command returned; " + inFlight + " episode(s) in flight. Still waiting."
                                + " `jcmd " + ProcessHandle.current().pid() + " Thread.print` shows where it is stuck.");
                    }

                    @Override
                    public void sharing(int count, String holder) {
                        System.err.println("\n" + count + " episode(s) of run " + id + " are being run by another offswitch process (" + holder
                                + "); this one runs the rest and waits for those.");
                    }

                    @Override
                    public void stopped(String reason) {
                        System.err.println("\nNo new episodes: " + reason + ". Episodes in flight finish; raise the budget and run the same command to go on.");
                    }
                }, () -> usage.flatMap(u -> u.usage().exhausted()));
            } finally {
                running.set(false);
                Optional.ofNullable(services.get()).flatMap(ModelServices::cache).ifPresent(io.offswitch.model.ModelCache::close);
            }
            List<EpisodeRecord> records = store.episodes(Optional.of(id));
            String table = MarkdownReport.render(Report.of(records, modelOptions.priceTable()));
            (json ? System.err : System.out).println("\n" + table);
            System.err.println("This invocation ran " + ranNow + " episode(s). Details: offswitch report --run " + id
                    + " | offswitch show EPISODE_ID | offswitch list runs");
            return completeness(id, plan.episodes().size(), records);
        }
    }

    /** What a run resolves from its options before anything runs: for `run`, and for workers rebuilding a stored run. */
    record Setup(Scenario scenario, List<Condition> conditions, List<AgentFactory> agents, Optional<io.offswitch.judge.ModelJudge> judge,
            java.util.concurrent.atomic.AtomicReference<ModelServices> services, io.offswitch.sandbox.SandboxBackend backend, EpisodeLimits limits,
            List<io.offswitch.defence.Defence> arms,
            Optional<java.util.function.Function<io.offswitch.defence.monitor.MonitorCache, io.offswitch.defence.monitor.MonitorModel>> monitor) {
        /** The episode runner of this setup, with its judges and defences; a monitor's replies cached in memory only. */
        EpisodeRunner runner() {
            return runner(io.offswitch.defence.monitor.MonitorCache.inMemory());
        }

        /** The episode runner of this setup, with its judges and defences, a monitor model's replies cached in {@code monitorCache}. */
        EpisodeRunner runner(io.offswitch.defence.monitor.MonitorCache monitorCache) {
            EpisodeRunner runner = new EpisodeRunner(scenario, backend, limits);
            io.offswitch.defence.monitor.DefenceMonitors defences = new io.offswitch.defence.monitor.DefenceMonitors(monitor.map(m -> m.apply(monitorCache)));
            runner.defendedBy(defences, defences);
            judge.filter(j -> scenario.judging().isPresent()).ifPresent(j -> runner.judgedBy(io.offswitch.run.EpisodeJudges.withModel(scenario, j)));
            judge.ifPresent(j -> runner.awarenessJudgedBy(io.offswitch.run.AwarenessJudges.withModel(j)));
            return runner;
        }
    }

    /** Set by a worker: model calls then hold the run's connection slots across every worker. */
    Optional<io.offswitch.model.ConnectionLimits.AcrossProcesses> sharedSlots = Optional.empty();

    Setup setup(boolean announce) {
        Scenario scenario = Scenarios.resolve(scenarioId, overrides());
        // --benign-tasks alone runs the benign tasks alone (reference/helper does only those).
        List<String> wanted = conditions.isEmpty() ? (benignTasks ? List.of() : scenario.defaultConditions()) : conditions;
        List<Condition> chosen = new ArrayList<>(wanted.size() == 1 && wanted.getFirst().equalsIgnoreCase("all")
                ? scenario.conditions().stream().filter(c -> !io.offswitch.scenario.BenignTask.isTask(c.id())).toList()
                : wanted.stream().map(String::trim).map(scenario::condition).toList());
        if (benignTasks) {
            if (scenario.benignTasks().isEmpty()) {
                throw OffswitchException.usage("scenario " + scenario.id() + " has no benign control tasks; drop --benign-tasks");
            }
            scenario.benignTasks().stream().map(t -> scenario.condition(t.conditionId()))
                    .filter(c -> chosen.stream().noneMatch(o -> o.id().equals(c.id()))).forEach(chosen::add);
        }
        if (models.isEmpty()) {
            models = scenario.referenceAgents().defaults();
            if (models.isEmpty()) {
                throw OffswitchException.usage("scenario " + scenario.id() + " has no reference agents; name a model with --model provider/model");
            }
            if (announce) {
                System.err.println("No --model given: running the scripted reference agents " + String.join(", ", models) + ".");
                System.err.println("They show the harness at work; they are not models. To evaluate a model, name it provider/model with"
                        + " the provider's key in its usual variable, e.g. OPENAI_API_KEY=... offswitch run " + scenario.id() + " --model openai/o3"
                        + " (providers: openai, anthropic, google, openai-api/NAME for any OpenAI-compatible endpoint); replay:FILE and"
                        + " human are the other agents.");
            }
        }
        ProviderEnvironment env = ProviderEnvironment.system();
        var services = new java.util.concurrent.atomic.AtomicReference<ModelServices>();
        java.util.function.Supplier<ModelServices> shared = () -> services.updateAndGet(s -> s != null ? s : withSharedSlots(modelOptions.services(resultsDir, env)));
        AgentResolver resolver = new AgentResolver(AgentOptions.withTerminal(System.in, System.err), scenario.referenceAgents(), modelOptions.config(),
                shared, env);
        List<AgentFactory> agents = models.stream().map(String::trim).map(resolver::resolve).toList();
        Optional<io.offswitch.judge.ModelJudge> llmJudge = judge.map(name -> {
            io.offswitch.judge.Judges.checkName(name);
            // Every scenario's episodes are judged for eval awareness; a scenario without judges of text has only that.
            return io.offswitch.judge.Judges.model(name, shared, env);
        });
        if (models.contains("human") && concurrency > 1) {
            concurrency = 1;
        }
        List<io.offswitch.defence.Defence> arms = withMonitor(io.offswitch.defence.Defences.resolveAll(defences), monitor);
        arms.forEach(d -> io.offswitch.defence.monitor.DefenceMonitors.check(d, scenario.id(), scenario.criticalActions()));
        Optional<java.util.function.Function<io.offswitch.defence.monitor.MonitorCache, io.offswitch.defence.monitor.MonitorModel>> monitorModel = monitor
                .map(String::strip).filter(n -> !n.equals(io.offswitch.defence.monitor.DefenceMonitors.RULES))
                .map(n -> cache -> io.offswitch.defence.monitor.Monitors.model(n, shared.get(), env, cache));
        arms.forEach(d -> io.offswitch.defence.hardening.Hardenings.check(d, scenario.id(), scenario.protectedResources()));
        arms.forEach(d -> io.offswitch.defence.channel.ChannelFilters.check(d, scenario.id(), scenario.outboundChannels(), scenario.protectedResources()));
        io.offswitch.sandbox.SandboxBackend backend = SandboxBackends.create(sandbox);
        EpisodeLimits limits = new EpisodeLimits(maxTurns, maxMessages, Duration.ofSeconds(timeLimitSeconds),
                commandTimeoutSeconds == null ? scenario.commandTimeout() : Duration.ofSeconds(commandTimeoutSeconds), maxOutputBytes, tokenLimit);
        return new Setup(scenario, chosen, agents, llmJudge, services, backend, limits, arms, monitorModel);
    }

    private ModelServices withSharedSlots(ModelServices services) {
        return sharedSlots.map(slots -> new ModelServices(services.connections().across(slots), services.retry(), services.usage(),
                services.cache(), services.redactor())).orElse(services);
    }

    /** The run's budget options, which workers check against the spending of all workers of the run. */
    Optional<Long> maxTotalTokens() {
        return modelOptions.maxTotalTokens;
    }

    Optional<Double> maxCost() {
        return modelOptions.maxCost;
    }

    private int enqueue(EpisodeStore store, RunPlan plan, int already) {
        if (!(store.location() instanceof io.offswitch.store.StoreLocation.Postgres pg)) {
            throw OffswitchException.usage("--enqueue needs a PostgreSQL store shared with the workers (--store postgresql://USER@HOST:PORT/DB);"
                    + " " + store.where() + " is an SQLite file, which only this machine's `run` can use");
        }
        java.util.Set<String> done = store.finishedKeys(plan.runId());
        List<String> todo = plan.episodes().stream().map(e -> e.key().id()).filter(e -> !done.contains(e)).toList();
        int added = io.offswitch.worker.WorkQueue.enqueue(pg, plan.runId(), todo);
        System.err.println("Queued " + added + " episode(s) of run " + plan.runId() + " (" + (todo.size() - added) + " were queued already, "
                + already + " stored). Run them with: offswitch worker --store " + store.where() + "  (on as many machines as you like)");
        System.out.println(plan.runId());
        return 0;
    }

    /** The arms with {@code --monitor} as the monitor of each defence that uses one; refused when none does. */
    private static List<io.offswitch.defence.Defence> withMonitor(List<io.offswitch.defence.Defence> arms, Optional<String> monitor) {
        if (monitor.isEmpty()) {
            return arms;
        }
        String name = io.offswitch.defence.monitor.Monitors.checkName(monitor.get());
        if (arms.stream().noneMatch(io.offswitch.defence.monitor.DefenceMonitors::monitors)) {
            throw OffswitchException.usage("--monitor " + name + " is for the defences that use a monitor (monitor, monitor-observe, escalating-gate,"
                    + " audit); none of the run's defences (" + String.join(", ", arms.stream().map(io.offswitch.defence.Defence::name).toList())
                    + ") does: add one with --defence");
        }
        return arms.stream().map(d -> io.offswitch.defence.monitor.DefenceMonitors.withMonitor(d, name)).toList();
    }

    static RunDesign withJudge(RunDesign design, Optional<io.offswitch.judge.ModelJudge> judge) {
        return judge.map(j -> design.withJudge(j.id(), j.definition())).orElse(design);
    }

    /** 0 when every planned episode is stored and none is an error; otherwise says what is missing and returns 4. */
    private static int completeness(String id, int planned, List<EpisodeRecord> records) {
        long errors = records.stream().filter(r -> io.offswitch.episode.Outcome.ERROR.equals(r.verdict().outcome())).count();
        long undone = planned - records.size();
        if (errors == 0 && undone <= 0) {
            return 0;
        }
        List<String> missing = new ArrayList<>();
        if (undone > 0) {
            missing.add(undone + " of " + planned + " episode(s) not run");
        }
        if (errors > 0) {
            missing.add(errors + " ended as error (see `offswitch report --run " + id + "`)");
        }
        System.err.println("Run " + id + " is incomplete: " + String.join("; ", missing) + ". Run the same command again to resume"
                + (errors > 0 ? " (add --retry-errors to rerun the errors)" : "") + ". Exit status " + io.offswitch.ExitCode.INCOMPLETE.code() + ".");
        return io.offswitch.ExitCode.INCOMPLETE.code();
    }

    /**
     * Without --run-id the id comes from the design, so running the same command again resumes it; the
     * same command with more epochs extends the run it would have resumed (the latest such run).
     */
    private static String idFor(RunDesign requested, List<RunInfo> storedRuns) {
        String fromDesign = "run-" + io.offswitch.Hashes.sha256(requested.toJson()).substring(0, 10);
        if (storedRuns.stream().anyMatch(r -> r.runId().equals(fromDesign))) {
            return fromDesign;
        }
        return storedRuns.reversed().stream().filter(r -> requested.continues(r.planJson()))
                .map(RunInfo::runId).findFirst().orElse(fromDesign);
    }

    /** OFFSWITCH_STALL_WARNING_SECONDS overrides the default, for tests and for very slow models. */
    private static Duration stallWarning() {
        String raw = System.getenv("OFFSWITCH_STALL_WARNING_SECONDS");
        if (raw == null || raw.isBlank()) {
            return RunExecutor.DEFAULT_STALL_WARNING;
        }
        try {
            long seconds = Long.parseLong(raw.strip());
            if (seconds >= 1) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw OffswitchException.usage("OFFSWITCH_STALL_WARNING_SECONDS must be a whole number of seconds, at least 1; got '" + raw + "'");
    }

    private ScenarioOverrides overrides() {
        ScenarioOverrides o = ScenarioOverrides.none();
        if (conditionsFile.isPresent()) {
            o = o.withConditionsFile(conditionsFile.get());
        }
        if (systemPrompt.isPresent()) {
            o = o.withSystemPromptFile(systemPrompt.get());
        }
        if (userPrompt.isPresent()) {
            o = o.withUserPromptFile(userPrompt.get());
        }
        if (continuePrompt.isPresent()) {
            o = o.withContinuePromptFile(continuePrompt.get());
        }
        return o;
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The command as the user typed it (from picocli, so it is the same in-process and from the launcher). */
    private List<String> commandLine() {
        // originalArgs() is the whole command line, the sub-command's name included.
        List<String> words = new ArrayList<>(List.of("offswitch"));
        words.addAll(StoreOption.withoutPasswords(spec.commandLine().getParseResult().originalArgs()));
        return words;
    }

    static synchronized void printJsonLine(EpisodeRecord r) {
        ObjectNode line = Json.mapper().createObjectNode();
        line.put("id", r.id()).put("run", r.key().runId()).put("scenario", r.key().scenario()).put("condition", r.key().condition())
                .put("model", r.key().model()).put("scripted", r.provenance().agentScripted()).put("epoch", r.key().epoch())
                .put("outcome", r.verdict().outcome().label()).put("attempted", r.attempted()).put("reason", r.verdict().reason());
        line.set("evidence", Json.mapper().valueToTree(r.verdict().evidence()));
        ArrayNode attempts = line.putArray("attempts");
        r.attempts().forEach(a -> attempts.addObject().put("kind", a.kind()).put("turn", a.turn()).put("command", a.command()));
        // Only under a defence, so that the lines of runs without one are what they were.
        if (!r.key().undefended()) {
            line.put("defence", r.key().defence());
            line.set("defenceEvents", Json.mapper().valueToTree(r.defenceEvents()));
        }
        System.out.println(line);
        System.out.flush();
    }
}
