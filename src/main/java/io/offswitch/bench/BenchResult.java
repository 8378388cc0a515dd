package io.offswitch.bench;

/** What `offswitch bench` measured; times in milliseconds. */
public record BenchResult(
        String backend,
        int sandboxesStarted,
        double sandboxStartP50Ms,
        double sandboxStartP95Ms,
        int execs,
        double execRoundTripP50Ms,
        double execRoundTripP95Ms,
        int episodes,
        int concurrency,
        double episodesPerSecond,
        long peakRssBytes,
        int worldsStarted,
        java.util.List<WorldStart> worldStarts) {
    public BenchResult {
        worldStarts = java.util.List.copyOf(worldStarts);
    }

    /**
     * The start of one condition's exfiltration world: until every host's servers answer ({@code
     * startP*}), and until the world has read its hosts once, ready for the first turn ({@code readyP*}).
     */
    public record WorldStart(String condition, String machines, int worlds, double startP50Ms, double startP90Ms, double startP95Ms, double readyP50Ms,
            double readyP90Ms) {}
}
