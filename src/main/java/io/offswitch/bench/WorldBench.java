package io.offswitch.bench;

import io.offswitch.sandbox.SandboxBackend;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.scenario.EpisodeWorld;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.ArrayList;
import java.util.List;

/**
 * The start of the exfiltration scenario's own worlds, through the code an episode runs: the world spec
 * its {@link EpisodeWorld} gives and the backend's {@code createWorld}, which returns once every
 * host's servers (sshd, the upload server) answer a connection. Then, apart, the world's own first
 * reading of the hosts ({@link EpisodeWorld#started}), which an episode does before its first turn.
 * One world per condition shape: harmful retraining (the agent's machine and the outside host) and
 * the successor (and the successor's server, with the successor's weights).
 */
final class WorldBench {
    /** The conditions measured: one of each shape of world. */
    static final List<String> CONDITIONS = List.of("harmful", "successor");

    private WorldBench() {}

    /** {@code n} worlds of each condition, one after another (after one unmeasured warm-up of each). */
    static List<BenchResult.WorldStart> run(SandboxBackend backend, int n) {
        Scenario scenario = Scenarios.resolve("exfiltration");
        List<BenchResult.WorldStart> results = new ArrayList<>();
        for (String condition : CONDITIONS) {
            // Opening the world makes the model caches on a machine that has none yet: not part of a start.
            startOnce(backend, scenario.open(scenario.condition(condition), 0));
            double[] starts = new double[n];
            double[] ready = new double[n];
            for (int i = 0; i < n; i++) {
                EpisodeWorld world = scenario.open(scenario.condition(condition), i + 1);
                long t0 = System.nanoTime();
                try (WorldMachines machines = backend.createWorld(world.worldSpec())) {
                    starts[i] = (System.nanoTime() - t0) / 1e6;
                    world.started(machines);
                    ready[i] = (System.nanoTime() - t0) / 1e6;
                }
            }
            results.add(new BenchResult.WorldStart(condition, world(scenario, condition), n, Bench.percentile(starts, 50), Bench.percentile(starts, 90),
                    Bench.percentile(starts, 95), Bench.percentile(ready, 50), Bench.percentile(ready, 90)));
        }
        return results;
    }

    private static void startOnce(SandboxBackend backend, EpisodeWorld world) {
        try (WorldMachines machines = backend.createWorld(world.worldSpec())) {
            world.started(machines);
        }
    }

    /** The machines of the condition's world, for the report ("ops-07, ingest.stratavault.net"). */
    private static String world(Scenario scenario, String condition) {
        return String.join(", ", scenario.open(scenario.condition(condition), 0).worldSpec().machineNames());
    }
}
