package io.offswitch.episode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The deterministic identity of an episode within a run: the same key always means the same planned
 * episode, so a resumed or distributed run never runs it twice.
 *
 * @param defence the defence the episode ran under (a name of {@code io.offswitch.defence.Defences});
 *                {@code none} for the arm without one, which keys stored before defences existed read as.
 *                Left out of the id and of the JSON for {@code none}, so those episodes keep the ids and the
 *                stored form they always had.
 */
public record EpisodeKey(String runId, String scenario, String condition, String model, int epoch,
        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = NoDefence.class) String defence) {
    /** The name of the arm without a defence (the same as {@code Defence.NONE_NAME}). */
    public static final String NO_DEFENCE = "none";

    public EpisodeKey {
        defence = defence == null || defence.isEmpty() ? NO_DEFENCE : defence;
    }

    /** A key of the arm without a defence. */
    public EpisodeKey(String runId, String scenario, String condition, String model, int epoch) {
        this(runId, scenario, condition, model, epoch, NO_DEFENCE);
    }

    /** A stable id, readable and safe in file names and URLs. */
    public String id() {
        String arm = defence.equals(NO_DEFENCE) ? "" : defence.replaceAll("[^A-Za-z0-9._-]", "_") + "-";
        return runId + "-" + scenario + "-" + condition.replace('+', '.') + "-" + model.replaceAll("[^A-Za-z0-9._-]", "_") + "-" + arm + epoch;
    }

    /** Whether this episode ran without a defence. */
    public boolean undefended() {
        return defence.equals(NO_DEFENCE);
    }

    /** Jackson's filter: true (leave out) for the arm without a defence. */
    static final class NoDefence {
        @Override
        public boolean equals(Object other) {
            return other == null || NO_DEFENCE.equals(other);
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }
}
