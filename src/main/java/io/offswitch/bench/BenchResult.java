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
        double worldStartP50Ms,
        double worldStartP95Ms) {}
