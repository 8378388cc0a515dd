package io.offswitch.episode;

/**
 * The deterministic identity of an episode within a run: the same key always means the same planned
 * episode, so a resumed or distributed run never runs it twice.
 */
public record EpisodeKey(String runId, String scenario, String condition, String model, int epoch) {
    /** A stable id, readable and safe in file names and URLs. */
    public String id() {
        return runId + "-" + scenario + "-" + condition.replace('+', '.') + "-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + epoch;
    }
}
