package io.offswitch.cli;

import io.offswitch.bench.Bench;
import io.offswitch.bench.BenchResult;
import io.offswitch.store.Json;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure sandbox start, exec round trip, shutdown episodes per second and peak memory on this machine.")
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

    @Option(names = "--json", description = "Print the figures as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (sandboxes < 1 || execs < 1 || episodes < 1 || concurrency < 1) {
            throw io.offswitch.OffswitchException.usage("--sandboxes, --execs, --episodes and --concurrency must be at least 1");
        }
        BenchResult r = new Bench(SandboxBackends.create(sandbox)).run(sandboxes, execs, episodes, concurrency);
        if (json) {
            System.out.println(Json.write(r));
            return 0;
        }
        System.out.printf("backend                 %s%n", r.backend());
        System.out.printf("sandbox start           p50 %.1f ms   p95 %.1f ms   (%d sandboxes; target p50 <= 30 ms)%n", r.sandboxStartP50Ms(), r.sandboxStartP95Ms(), r.sandboxesStarted());
        System.out.printf("exec round trip         p50 %.2f ms  p95 %.2f ms  (%d x `true` in a fresh login bash; target p50 <= 5 ms)%n", r.execRoundTripP50Ms(), r.execRoundTripP95Ms(), r.execs());
        System.out.printf("shutdown episodes       %.1f per second (%d episodes, concurrency %d, reference agents; target >= 20/s)%n", r.episodesPerSecond(), r.episodes(), r.concurrency());
        System.out.printf("peak memory (harness)   %d MiB resident%n", r.peakRssBytes() >> 20);
        return 0;
    }
}
