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
        long machineBaselineUsedBytes) {
    public double wallOverFloor() {
        return floorSeconds > 0 ? wallSeconds / floorSeconds : Double.NaN;
    }
}
