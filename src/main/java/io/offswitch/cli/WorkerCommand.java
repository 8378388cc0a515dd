package io.offswitch.cli;

import io.offswitch.JvmExit;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.model.ConnectionLimits;
import io.offswitch.model.ModelServices;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.run.RunDesign;
import io.offswitch.run.RunPlan;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import io.offswitch.store.StoreLocation;
import io.offswitch.worker.WorkQueue;
import io.offswitch.worker.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `offswitch worker --store URL`: runs queued episodes of the runs in a PostgreSQL store (queued by
 * `run --enqueue`), on as many machines as there are workers. Each run is rebuilt here from the
 * command line stored with it and checked against its stored design, so a worker whose files differ
 * (another prompt file, another offswitch) refuses the run instead of mixing designs.
 */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run queued episodes of the runs in a PostgreSQL store (queue them with `offswitch run ... --store URL --enqueue`).",
            "Start it on any number of machines: each episode is leased to one worker at a time; a worker that dies loses its lease and"
                    + " another runs the episode again; every episode is stored once. --max-cost, --max-total-tokens and --max-connections of"
                    + " each run hold across all its workers. Exits when the queue is empty (unless --keep-waiting)."})
final class WorkerCommand implements Callable<Integer> {
    @CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--concurrency", defaultValue = "8", description = "Episodes this worker runs at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR",
            description = "Folder for this worker's local files, such as a run's --cache (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Option(names = "--keep-waiting", description = "Keep waiting for new episodes when the queue is empty, until stopped.")
    boolean keepWaiting;

    @Option(names = "--heartbeat", defaultValue = "5", paramLabel = "SECONDS",
            description = "How often this worker renews its lease on the episodes it runs (default: ${DEFAULT-VALUE}).")
    int heartbeatSeconds;

    @Option(names = "--missed-heartbeats", defaultValue = "6", paramLabel = "N",
            description = "Heartbeats missed before another worker takes an episode over (default: ${DEFAULT-VALUE}, so 30 s).")
    int missedHeartbeats;

    @Option(names = "--max-tries", defaultValue = "10", paramLabel = "N",
            description = "Tries of a queued episode (by any workers) whose try fails (its run cannot be rebuilt or stored) before the queue"
                    + " gives it up and records why (default: ${DEFAULT-VALUE}).")
    int maxTries;

    @Option(names = "--retry-after", defaultValue = "30", paramLabel = "SECONDS",
            description = "Wait after a failed try before the episode is tried again (default: ${DEFAULT-VALUE}).")
    int retryAfterSeconds;

    /** A stored run, rebuilt on this worker. */
    private record Prepared(RunCommand command, RunCommand.Setup setup, Map<String, PlannedEpisode> episodes, EpisodeRunner runner) {}

    private final Map<String, Prepared> runs = new ConcurrentHashMap<>();
    private final AtomicInteger stored = new AtomicInteger();

    @Override
    public Integer call() throws Exception {
        OptionChecks.start().atLeast("--concurrency", concurrency, 1).atLeast("--heartbeat", heartbeatSeconds, 1)
                .atLeast("--missed-heartbeats", missedHeartbeats, 2).atLeast("--max-tries", maxTries, 1)
                .atLeast("--retry-after", retryAfterSeconds, 0).check();
        if (storeOption.store.isEmpty() || !(storeOption.location(resultsDir) instanceof StoreLocation.Postgres pg)) {
            throw OffswitchException.usage("offswitch worker needs --store postgresql://USER@HOST:PORT/DB, the PostgreSQL store its runs were"
                    + " queued in (" + storeOption.store.map(s -> s + " is an SQLite file").orElse("none given") + ")");
        }
        try (EpisodeStore store = new EpisodeStore(pg);
                Worker worker = new Worker(pg, concurrency, new Worker.Lease(Duration.ofSeconds(heartbeatSeconds), missedHeartbeats),
                        new Worker.Tries(maxTries, Duration.ofSeconds(retryAfterSeconds)))) {
            System.err.println("Worker " + worker.name() + " on " + store.where() + ": up to " + concurrency + " episode(s) at once.");
            Worker.Summary summary = worker.run(new Worker.Episodes() {
                @Override
                public void run(String runId, String episodeId, Worker.Budget budget, Optional<ConnectionLimits.AcrossProcesses> slots)
                        throws InterruptedException {
                    try {
                        runEpisode(store, runId, episodeId, budget, slots);
                    } catch (RuntimeException e) {
                        // The worker's scheduler queues it again or, after its last try, gives it up; say why here.
                        System.err.println("failed " + episodeId + ": " + e.getMessage());
                        throw e;
                    }
                }

                @Override
                public void givenUp(WorkQueue.GivenUp g) {
                    System.err.println("gave up " + g.episodeId() + " of run " + g.runId() + " after " + g.tries() + " failed tries: " + g.error());
                }
            }, keepWaiting);
            System.err.println("Worker " + worker.name() + " stored " + stored.get() + " episode(s); the queue is empty"
                    + (summary.failed() > 0 ? "; " + summary.failed() + " tries failed here" : "") + ".");
            if (summary.givenUp().isEmpty()) {
                return 0;
            }
            Map<String, Long> byRun = summary.givenUp().stream().collect(Collectors.groupingBy(WorkQueue.GivenUp::runId, java.util.TreeMap::new,
                    Collectors.counting()));
            throw new OffswitchException(io.offswitch.ExitCode.INCOMPLETE, "this worker gave up " + summary.givenUp().size() + " episode(s) ("
                    + byRun.entrySet().stream().map(e -> e.getValue() + " of run " + e.getKey()).collect(Collectors.joining(", "))
                    + ") after " + maxTries + " failed tries each; last error: " + summary.givenUp().getLast().error()
                    + ". They are not stored. Fix the cause, then queue them again: offswitch run --resume RUN --store URL --enqueue ...");
        }
    }

    private void runEpisode(EpisodeStore store, String runId, String episodeId, Worker.Budget budget,
            Optional<ConnectionLimits.AcrossProcesses> slots) throws InterruptedException {
        Prepared run = prepared(store, runId, slots);
        if (store.find(episodeId).isPresent()) {
            // Stored already (by a worker whose lease lapsed after it stored, or a `run` of the same command).
            System.err.println("already stored " + episodeId);
            return;
        }
        PlannedEpisode episode = run.episodes().get(episodeId);
        if (episode == null) {
            System.err.println("dropped " + episodeId + ": not an episode of run " + runId + " as stored");
            return;
        }
        Optional<String> spent = budget.exhausted(runId, tokens(run), cost(run), run.command().maxTotalTokens(), run.command().maxCost());
        if (spent.isPresent()) {
            System.err.println("not started " + episodeId + ": " + spent.get()
                    + "; raise the budget and queue the run again (offswitch run --resume " + runId + " --enqueue ...)");
            return;
        }
        System.err.println("started " + episodeId);
        EpisodeRecord record = run.runner().run(episode);
        if (Outcome.ERROR.equals(record.verdict().outcome()) && !JvmExit.exiting()) {
            Thread.sleep(500); // as a run does: an error caused by this JVM's own exit is not a result
        }
        if (JvmExit.exiting()) {
            throw new IllegalStateException("the worker is exiting; " + episodeId + " was not stored");
        }
        store.save(record);
        stored.incrementAndGet();
        System.err.println("stored " + episodeId + " " + record.verdict().outcome().label());
        budget.exhausted(runId, tokens(run), cost(run), Optional.empty(), Optional.empty());
    }

    private static long tokens(Prepared run) {
        return Optional.ofNullable(run.setup().services().get()).map(ModelServices::usage).map(u -> u.totalTokens()).orElse(0L);
    }

    private static double cost(Prepared run) {
        return Optional.ofNullable(run.setup().services().get()).map(ModelServices::usage).map(u -> u.totalCostUsd()).orElse(0.0);
    }

    private Prepared prepared(EpisodeStore store, String runId, Optional<ConnectionLimits.AcrossProcesses> slots) {
        Prepared known = runs.get(runId);
        if (known != null) {
            return known;
        }
        synchronized (runs) {
            return runs.computeIfAbsent(runId, id -> prepare(store, id, slots));
        }
    }

    /** Rebuilds a stored run from its command line, as `run --resume` does, and checks it is the same design. */
    private Prepared prepare(EpisodeStore store, String runId, Optional<ConnectionLimits.AcrossProcesses> slots) {
        RunInfo info = store.runs().stream().filter(r -> r.runId().equals(runId)).findFirst()
                .orElseThrow(() -> new OffswitchException(io.offswitch.ExitCode.FAILURE, "queued run " + runId + " is not in " + store.where()));
        List<String> words = ShellWords.split(info.commandLine());
        int at = words.indexOf("run");
        if (at < 0) {
            throw new OffswitchException(io.offswitch.ExitCode.FAILURE, "run " + runId + " was stored without its command line");
        }
        RunCommand command = new RunCommand();
        new CommandLine(command).parseArgs(new ArrayList<>(words.subList(at + 1, words.size())).toArray(String[]::new));
        command.sharedSlots = slots;
        SandboxBackends.check(command.sandbox);
        RunCommand.Setup setup = command.setup(false);
        RunPlan plan = RunPlan.build(runId, setup.scenario(), setup.conditions(), setup.agents(), command.epochs, setup.arms());
        RunDesign design = RunCommand.withJudge(RunDesign.of(plan, setup.limits(), setup.backend().id()), setup.judge());
        design.requireSameAs(runId, info.planJson(), info.commandLine());
        // A monitor's replies go to the shared store's cache, as `run` keeps them in its store: `offswitch monitor RUN` then
        // re-monitors the workers' episodes without asking the model again what it was asked as they ran.
        EpisodeRunner runner = setup.runner(io.offswitch.defence.monitor.MonitorCache.of(store));
        // One episode's path walked before this run's first episode, as a run does (see Warmup).
        runner.warmUp(plan.episodes().stream().filter(e -> !e.agent().scripted()).findFirst().orElse(plan.episodes().getFirst()));
        System.err.println("Run " + runId + ": " + setup.scenario().id() + ", " + plan.episodes().size() + " episodes planned; "
                + StoreOption.withoutPasswords(words).stream().collect(Collectors.joining(" ")));
        return new Prepared(command, setup, plan.episodes().stream().collect(Collectors.toMap(e -> e.key().id(), Function.identity())), runner);
    }
}
