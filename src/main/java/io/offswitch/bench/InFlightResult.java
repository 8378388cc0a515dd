package io.offswitch.bench;

import java.util.Map;

/**
 * What `offswitch bench --in-flight N` measured: N episodes of the simulated model (not a model) at
 * once, each of its calls answered after the given latency. The floor is the slowest episode's number
 * of model calls times the latency: no run can be faster than that.
 *
 * @param errorsByReason  how many episodes ended as {@code error}, by the first line of their reason
 * @param machinePeakUsedBytes the machine's peak memory in use during the run (MemTotal - MemAvailable)
 * @param machineBaselineUsedBytes the same just before the run started
 * @param harnessCpuSeconds CPU time of the harness's JVM (all its threads) during the run
 * @param childrenCpuSeconds CPU time of its reaped descendants during the run: bwrap, the sandboxes' inits,
 *                           shells and commands
 * @param allProcessesCpuSeconds CPU time of every process the run started, reaped by us or not (the harness
 *                           included), when the machine lets it be counted (see {@link ProcessTreeCpu})
 * @param loadAverage the machine's one-minute load average when the run ended
 * @param timeline when the episodes' machines came up and when the episodes ended
 */
public record InFlightResult(
        String backend,
        int inFlight,
        double modelLatencySeconds,
        int episodes,
        int peakEpisodesInFlight,
        int errors,
        Map<String, Integer> errorsByReason,
        Map<String, Integer> outcomes,
        int modelCallsPerEpisode,
        double wallSeconds,
        double floorSeconds,
        long harnessPeakRssBytes,
        long machinePeakUsedBytes,
        long machineBaselineUsedBytes,
        double harnessCpuSeconds,
        double childrenCpuSeconds,
        java.util.Optional<Double> allProcessesCpuSeconds,
        double loadAverage,
        InFlightTimeline timeline) {
    public double wallOverFloor() {
        return floorSeconds > 0 ? wallSeconds / floorSeconds : Double.NaN;
    }

    /** Milliseconds of CPU per episode of every process of the run, reaped or not, when counted. */
    public java.util.Optional<Double> allProcessesCpuMillisPerEpisode() {
        return allProcessesCpuSeconds.filter(s -> episodes > 0).map(s -> s * 1000 / episodes);
    }

    /** Milliseconds of CPU per episode, the harness's and its children's together. */
    public double cpuMillisPerEpisode() {
        return episodes > 0 ? (harnessCpuSeconds + childrenCpuSeconds) * 1000 / episodes : Double.NaN;
    }
}
