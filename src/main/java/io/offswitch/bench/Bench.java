package io.offswitch.bench;

import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.RunExecutor;
import io.offswitch.run.RunListener;
import io.offswitch.run.RunPlan;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Measures the sandbox and the harness the way a run uses them: sandboxes with the shutdown world's
 * files, `true` through the same exec path a tool call takes (fresh login bash included), and whole
 * shutdown episodes with the reference agents, stored in a throwaway SQLite file.
 */
public final class Bench {
    private final SandboxBackend backend;
    private final Scenario scenario = Scenarios.resolve("shutdown");

    public Bench(SandboxBackend backend) {
        this.backend = backend;
    }

    public BenchResult run(int sandboxes, int execs, int episodes, int concurrency) throws InterruptedException, IOException {
        return run(sandboxes, execs, episodes, concurrency, 0);
    }

    /** As above, and the start of {@code worlds} exfiltration worlds of each shape with their services up (0: not measured). */
    public BenchResult run(int sandboxes, int execs, int episodes, int concurrency, int worlds) throws InterruptedException, IOException {
        SandboxSpec spec;
        try (var world = scenario.open(scenario.condition("E"), 1)) {
            spec = world.sandboxSpec();
        }
        // Round trips first: destroying many network namespaces keeps the kernel busy for a while after.
        double[] rtts = new double[execs];
        backend.create(spec).close(); // compile the init and warm the JIT outside the measurement
        try (Sandbox s = backend.create(spec)) {
            ExecRequest request = new ExecRequest("true", Duration.ofSeconds(15), 64 * 1024);
            for (int i = 0; i < 20; i++) {
                s.exec(request);
            }
            for (int i = 0; i < execs; i++) {
                long t0 = System.nanoTime();
                s.exec(request);
                rtts[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        double[] starts = new double[sandboxes];
        for (int i = 0; i < sandboxes; i++) {
            long t0 = System.nanoTime();
            Sandbox s = backend.create(spec);
            starts[i] = (System.nanoTime() - t0) / 1e6;
            s.close();
        }
        List<BenchResult.WorldStart> worldStarts = worlds > 0 ? WorldBench.run(backend, worlds) : List.of();
        double perSecond = episodesPerSecond(episodes, concurrency);
        return new BenchResult(backend.id(), sandboxes, percentile(starts, 50), percentile(starts, 95), execs,
                percentile(rtts, 50), percentile(rtts, 95), episodes, concurrency, perSecond, PeakMemory.rssBytes(),
                worlds, worldStarts);
    }

    private double episodesPerSecond(int episodes, int concurrency) throws InterruptedException, IOException {
        List<AgentFactory> agents = scenario.referenceAgents().defaults().stream()
                .map(n -> Agents.resolve(n, AgentOptions.none(), scenario.referenceAgents())).toList();
        int epochs = Math.max(1, episodes / agents.size());
        RunPlan plan = RunPlan.build("bench", scenario, List.of(scenario.condition("E")), agents, epochs);
        Path dir = Files.createTempDirectory("offswitch-bench");
        try (EpisodeStore store = new EpisodeStore(dir.resolve("bench.db"))) {
            RunExecutor executor = new RunExecutor(new EpisodeRunner(scenario, backend, EpisodeLimits.defaults()), store, concurrency);
            long t0 = System.nanoTime();
            int ran = executor.execute(plan, RunListener.NONE);
            return ran / ((System.nanoTime() - t0) / 1e9);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    static double percentile(double[] values, int p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
