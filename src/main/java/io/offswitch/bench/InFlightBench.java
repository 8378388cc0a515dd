package io.offswitch.bench;

import io.offswitch.agent.AgentFactory;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.model.ConnectionLimits;
import io.offswitch.model.GenerateConfig;
import io.offswitch.model.ModelAgents;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.model.RetryPolicy;
import io.offswitch.model.UsageMeter;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.run.RunExecutor;
import io.offswitch.run.RunListener;
import io.offswitch.run.RunPlan;
import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Episodes in flight where the model is the slow part: N shutdown episodes of the simulated model
 * (simulated/compliant, not a model), all at once, every call answered after the latency, through the
 * same run executor, model agent (connection limits, usage metering) and sandboxes as a real run.
 */
public final class InFlightBench {
    private final SandboxBackend backend;
    private final Scenario scenario = Scenarios.resolve("shutdown");

    public InFlightBench(SandboxBackend backend) {
        this.backend = backend;
    }

    public InFlightResult run(int inFlight, double latencySeconds) throws InterruptedException, IOException {
        ProviderEnvironment env = new ProviderEnvironment(Map.of("SIMULATED_LATENCY_SECONDS", Double.toString(latencySeconds)));
        ModelServices services = ModelServices.of(new ConnectionLimits(inFlight), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                UsageMeter.unlimited(), Optional.empty(), env);
        AgentFactory simulated = ModelAgents.resolve("simulated/compliant", GenerateConfig.defaults(), services, env);
        RunPlan plan = RunPlan.build("bench-in-flight", scenario, List.of(scenario.condition("A")), List.of(simulated), inFlight);
        Map<String, Integer> errors = new ConcurrentHashMap<>();
        Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        AtomicInteger now = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger maxCalls = new AtomicInteger();
        List<InFlightTimeline.Span> spans = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Path dir = Files.createTempDirectory("offswitch-bench-in-flight");
        long baseline = MachineMemory.usedBytes();
        long t0;
        long t1;
        try (EpisodeStore store = new EpisodeStore(dir.resolve("bench.db")); MachineMemory machine = new MachineMemory();
                ProcessTreeCpu tree = ProcessTreeCpu.start()) {
            RunExecutor executor = new RunExecutor(new EpisodeRunner(scenario, backend, EpisodeLimits.defaults()), store, inFlight);
            CpuClock cpu0 = CpuClock.now();
            java.time.Instant startedAt = java.time.Instant.now();
            t0 = System.nanoTime();
            executor.execute(plan, new RunListener() {
                @Override
                public void started(PlannedEpisode episode) {
                    peak.accumulateAndGet(now.incrementAndGet(), Math::max);
                }

                @Override
                public void finished(EpisodeRecord record) {
                    now.decrementAndGet();
                    spans.add(new InFlightTimeline.Span(record.startedAt(), java.time.Instant.now())); // ended: judged and stored
                    outcomes.merge(record.verdict().outcome().label(), 1, Integer::sum);
                    if (Outcome.ERROR.equals(record.verdict().outcome())) {
                        errors.merge(reasonKind(record.verdict().reason()), 1, Integer::sum);
                    }
                    int calls = (int) record.transcript().stream().filter(e -> e.message() instanceof Message.Assistant).count();
                    maxCalls.accumulateAndGet(calls, Math::max);
                }
            });
            t1 = System.nanoTime();
            CpuClock cpu = CpuClock.now().since(cpu0);
            Optional<Double> allProcesses = tree.seconds();
            long machinePeak = machine.peakBytes();
            int errorCount = errors.values().stream().mapToInt(Integer::intValue).sum();
            return new InFlightResult(backend.id(), inFlight, latencySeconds, plan.episodes().size(), peak.get(), errorCount,
                    new TreeMap<>(errors), new TreeMap<>(outcomes), maxCalls.get(), (t1 - t0) / 1e9, maxCalls.get() * latencySeconds,
                    PeakMemory.rssBytes(), machinePeak, baseline, cpu.harnessSeconds(), cpu.childrenSeconds(), allProcesses, loadAverage(),
                    InFlightTimeline.of(startedAt, List.copyOf(spans)));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** The machine's load average over the last minute, as the kernel counts it: other work makes wall times longer. */
    static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The reason's first line with sandbox ids and numbers blanked, so that errors of one kind count together. */
    static String reasonKind(String reason) {
        return reason.lines().findFirst().orElse("").replaceAll("[0-9a-f]{8}-[0-9a-f]{3}", "ID").replaceAll("\\d+", "N");
    }
}
