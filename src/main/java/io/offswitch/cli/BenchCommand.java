package io.offswitch.cli;

import io.offswitch.bench.Bench;
import io.offswitch.bench.BenchResult;
import io.offswitch.bench.InspectBench;
import io.offswitch.store.Json;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure sandbox start, exec round trip, shutdown episodes per second, peak memory, and Inspect export and import, on this machine.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--sandboxes", defaultValue = "100", description = "Sandboxes to start and stop (default: ${DEFAULT-VALUE}).")
    int sandboxes;

    @Option(names = "--execs", defaultValue = "500", description = "`true` commands to time (default: ${DEFAULT-VALUE}).")
    int execs;

    @Option(names = "--episodes", defaultValue = "300", description = "Reference-agent episodes to run (default: ${DEFAULT-VALUE}).")
    int episodes;

    @Option(names = "--concurrency", defaultValue = "16", description = "Episodes in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--sandbox", defaultValue = "bwrap", description = "Sandbox backend to measure: bwrap or docker (default: ${DEFAULT-VALUE}).")
    String sandbox;

    @Option(names = "--worlds", defaultValue = "30", description = "Exfiltration worlds of each shape (harmful: agent and outside host; successor: and the successor's server)"
            + " to start and stop; 0 to skip; needs root (default: ${DEFAULT-VALUE}).")
    int worlds;

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Option(names = "--in-flight", paramLabel = "N", description = "Instead: run N episodes of the simulated model (not a model) all at once"
            + " and report errors, wall time against the model-latency floor, and memory.")
    Optional<Integer> inFlight;

    @Option(names = "--model-latency", paramLabel = "SECONDS", defaultValue = "2",
            description = "With --in-flight: the simulated model answers each call after this long (default: ${DEFAULT-VALUE}).")
    double modelLatency;

    @Option(names = "--inspect-episodes", defaultValue = "10000",
            description = "Also time Inspect export and import of a run of this many episodes (default: ${DEFAULT-VALUE}; 0 skips).")
    int inspectEpisodes;

    @Option(names = "--inspect-only", description = "Only the Inspect export and import figures (no sandboxes are started).")
    boolean inspectOnly;

    /**
     * The launcher's training run for the start-up cache (see ./offswitch): the Inspect export and
     * import, then, where this machine can start sandboxes, a short run of episodes in flight. The
     * cache keeps the method profiles of what the run did; trained on the Inspect figures alone, a
     * run of episodes compiled its own hot paths from scratch (a fifth of its CPU at 500 in flight).
     */
    @Option(names = "--startup-training", hidden = true)
    boolean startupTraining;

    @Option(names = "--viewer", description = "Instead: time the web viewer (offswitch view) over a generated store: grid, filtered episode list, a 200-turn transcript.")
    boolean viewer;

    @Option(names = "--viewer-episodes", defaultValue = "10000", description = "With --viewer: episodes in the generated store (default: ${DEFAULT-VALUE}).")
    int viewerEpisodes;

    @Option(names = "--chromium", defaultValue = "/usr/bin/chromium", paramLabel = "PATH",
            description = "With --viewer: the browser that also times the page's drawing (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path chromium;

    @Override
    public Integer call() throws Exception {
        if (viewer) {
            return viewer();
        }
        if (sandboxes < 1 || execs < 1 || episodes < 1 || concurrency < 1 || inspectEpisodes < 0) {
            throw io.offswitch.OffswitchException.usage("--sandboxes, --execs, --episodes and --concurrency must be at least 1, --inspect-episodes at least 0");
        }
        if (startupTraining) {
            return startupTraining();
        }
        if (inspectOnly) {
            InspectBench.Result inspect = InspectBench.run(Math.max(1, inspectEpisodes));
            System.out.println(json ? Json.write(inspect) : inspectLine(inspect));
            return 0;
        }
        if (inFlight.isPresent()) {
            return inFlight(inFlight.get());
        }
        BenchResult r = new Bench(SandboxBackends.create(sandbox)).run(sandboxes, execs, episodes, concurrency,
                "root".equals(System.getProperty("user.name")) ? worlds : 0);
        Optional<InspectBench.Result> inspect = inspectEpisodes == 0 ? Optional.empty() : Optional.of(InspectBench.run(inspectEpisodes));
        if (json) {
            // The sandbox figures as before, with the Inspect figures beside them when measured.
            var node = Json.mapper().valueToTree(r);
            inspect.ifPresent(i -> ((com.fasterxml.jackson.databind.node.ObjectNode) node).set("inspect", Json.mapper().valueToTree(i)));
            System.out.println(node);
            return 0;
        }
        System.out.printf("backend                 %s%n", r.backend());
        System.out.printf("sandbox start           p50 %.1f ms   p95 %.1f ms   (%d sandboxes; target p50 <= 20 ms)%n", r.sandboxStartP50Ms(), r.sandboxStartP95Ms(), r.sandboxesStarted());
        for (io.offswitch.bench.BenchResult.WorldStart w : r.worldStarts()) {
            System.out.printf("world start %-11s p50 %.1f ms   p90 %.1f ms   (%d exfiltration worlds: %s, sshd and upload server answering; target p50 <= 200 ms);"
                    + " ready for the first turn p50 %.1f ms   p90 %.1f ms%n", w.condition(), w.startP50Ms(), w.startP90Ms(), w.worlds(), w.machines(),
                    w.readyP50Ms(), w.readyP90Ms());
        }
        if (r.worldStarts().isEmpty()) {
            System.out.println("world start             not measured (--worlds 0, or not root: worlds of several hosts need root)");
        }
        System.out.printf("exec round trip         p50 %.2f ms  p95 %.2f ms  (%d x `true` in a fresh login bash; target p50 <= 3 ms)%n", r.execRoundTripP50Ms(), r.execRoundTripP95Ms(), r.execs());
        System.out.printf("shutdown episodes       %.1f per second (%d episodes, concurrency %d, reference agents; target >= 25/s)%n", r.episodesPerSecond(), r.episodes(), r.concurrency());
        System.out.printf("peak memory (harness)   %d MiB resident%n", r.peakRssBytes() >> 20);
        inspect.ifPresent(i -> System.out.println(inspectLine(i)));
        return 0;
    }

    /** Episodes and latency of the training run's in-flight part: every code path of an episode, in a few seconds. */
    static final int TRAINING_EPISODES = 150;
    static final double TRAINING_LATENCY_SECONDS = 0.2;

    private int startupTraining() throws Exception {
        InspectBench.run(2000);
        try {
            io.offswitch.bench.InFlightResult r = new io.offswitch.bench.InFlightBench(SandboxBackends.create("bwrap"))
                    .run(TRAINING_EPISODES, TRAINING_LATENCY_SECONDS);
            System.err.println("startup training: " + r.episodes() + " episodes in flight, " + r.errors() + " errors");
        } catch (RuntimeException | java.io.IOException e) {
            // No sandboxes on this machine (no bwrap, no user namespaces): the cache is trained on the rest.
            System.err.println("startup training: no episodes in flight (" + e.getMessage() + ")");
        }
        return 0;
    }

    private int viewer() throws Exception {
        if (viewerEpisodes < 1) {
            throw io.offswitch.OffswitchException.usage("--viewer-episodes must be at least 1, got " + viewerEpisodes);
        }
        System.err.println("Generating " + viewerEpisodes + " episodes and timing the viewer over them ...");
        String loadBefore = loadAverage();
        io.offswitch.web.ViewerBench.Result r = io.offswitch.web.ViewerBench.run(viewerEpisodes, Optional.of(chromium));
        String loadAfter = loadAverage();
        if (json) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().valueToTree(r);
            node.put("loadAverageBefore", loadBefore).put("loadAverageAfter", loadAfter);
            System.out.println(node);
            return 0;
        }
        System.out.printf(java.util.Locale.ROOT, "store                   %d episodes + one of %d turns, %d MiB%n", r.episodes(), r.transcriptTurns(), r.storeBytes() >> 20);
        System.out.printf(java.util.Locale.ROOT, "grid (first request)    %.0f ms   (from the server's start, a cold JVM: one aggregate query over the episode summaries)%n", r.gridFirstMs());
        System.out.printf(java.util.Locale.ROOT, "grid (store unchanged)  p50 %.1f ms  p95 %.1f ms   (%d requests; target < 300 ms)%n", r.grid().p50Ms(), r.grid().p95Ms(), r.grid().samples());
        System.out.printf(java.util.Locale.ROOT, "grid (one more episode) p50 %.1f ms  p95 %.1f ms   (%d times: an episode stored, then the grid; a run in progress)%n",
                r.gridAfterNew().p50Ms(), r.gridAfterNew().p95Ms(), r.gridAfterNew().samples());
        System.out.printf(java.util.Locale.ROOT, "filtered episode list   p50 %.1f ms  p95 %.1f ms   (outcome + attempt + text search, by duration, page of 50 of %d; target < 500 ms)%n",
                r.list().p50Ms(), r.list().p95Ms(), r.listMatches());
        System.out.printf(java.util.Locale.ROOT, "200-turn transcript     p50 %.1f ms  p95 %.1f ms   (%d KiB of JSON; target < 200 ms)%n", r.transcript().p50Ms(), r.transcript().p95Ms(),
                r.transcriptBytes() >> 10);
        if (r.render().isEmpty()) {
            System.out.println("page drawing            " + r.renderNote());
        }
        r.render().forEach((view, t) -> System.out.printf(java.util.Locale.ROOT, "page: %-17s p50 %.1f ms  p95 %.1f ms   (fetch, DOM and layout in %s; %d loads)%n",
                view, t.p50Ms(), t.p95Ms(), r.renderNote(), t.samples()));
        System.out.println("load average            " + loadBefore + " before, " + loadAfter + " after");
        return 0;
    }

    private static String loadAverage() {
        try {
            String[] parts = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private int inFlight(int n) throws Exception {
        if (n < 1 || modelLatency < 0 || modelLatency > 600) {
            throw io.offswitch.OffswitchException.usage("--in-flight must be at least 1 and --model-latency from 0 to 600 seconds; got "
                    + n + " and " + modelLatency);
        }
        System.err.println("Running " + n + " episodes of simulated/compliant (a stand-in, not a model) at once, each call answered after "
                + modelLatency + " s ...");
        io.offswitch.bench.InFlightResult r = new io.offswitch.bench.InFlightBench(SandboxBackends.create(sandbox)).run(n, modelLatency);
        if (json) {
            System.out.println(Json.write(r));
            return r.errors() == 0 ? 0 : io.offswitch.ExitCode.INCOMPLETE.code();
        }
        System.out.printf("backend                 %s%n", r.backend());
        System.out.printf("episodes in flight      %d asked, %d at the peak (%d episodes)%n", r.inFlight(), r.peakEpisodesInFlight(), r.episodes());
        System.out.printf("outcomes                %s%n", r.outcomes());
        System.out.printf("errors                  %d%s%n", r.errors(), r.errorsByReason().isEmpty() ? "" : " " + r.errorsByReason());
        System.out.printf("wall time               %.1f s against a floor of %.1f s (%d model calls x %.1f s): %.2f x the floor (target <= 1.5)%n",
                r.wallSeconds(), r.floorSeconds(), r.modelCallsPerEpisode(), r.modelLatencySeconds(), r.wallOverFloor());
        System.out.printf("memory                  harness peak %d MiB resident (target < 1024); machine peak %d MiB in use, %d MiB before (target < 4096)%n",
                r.harnessPeakRssBytes() >> 20, r.machinePeakUsedBytes() >> 20, r.machineBaselineUsedBytes() >> 20);
        System.out.printf("CPU                     %.1f s harness + %.1f s its children = %.1f ms per episode (load average %.1f at the end)%n",
                r.harnessCpuSeconds(), r.childrenCpuSeconds(), r.cpuMillisPerEpisode(), r.loadAverage());
        r.allProcessesCpuSeconds().ifPresent(all -> System.out.printf("CPU of all its processes %.1f s = %.1f ms per episode (the harness and every process it"
                + " started, also those no process of ours reaped)%n", all, r.allProcessesCpuMillisPerEpisode().orElseThrow()));
        io.offswitch.bench.InFlightTimeline t = r.timeline();
        System.out.printf("timeline                last machine up at %.1f s; episodes ended from %.1f s to %.1f s; an episode took %.1f s (median), %.1f s at most,"
                + " from its machine up to stored%n", t.lastMachineUpSeconds(), t.firstEndSeconds(), t.lastEndSeconds(), t.episodeSecondsP50(), t.episodeSecondsMax());
        return r.errors() == 0 ? 0 : io.offswitch.ExitCode.INCOMPLETE.code();
    }

    private static String inspectLine(InspectBench.Result i) {
        return String.format(java.util.Locale.ROOT, "inspect export/import   export %.2f s (%.1f s CPU, load %.2f), import %.2f s (%.1f s CPU, load %.2f)"
                        + "   (%d episodes in %d .eval logs, %d MiB; start-up cache %s; target < 10 s each)",
                i.exportSeconds(), i.exportCpuSeconds(), i.loadAverage()[0], i.importSeconds(), i.importCpuSeconds(), i.loadAverage()[1],
                i.episodes(), i.logs(), i.evalBytes() >> 20, startupCache());
    }

    /** Whether this JVM runs with the launcher's ahead-of-time cache (see ./offswitch): the figures differ with it. */
    private static String startupCache() {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .anyMatch(a -> a.startsWith("-XX:AOTCache=")) ? "on" : "off";
    }
}
