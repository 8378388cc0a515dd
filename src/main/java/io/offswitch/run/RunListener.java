package io.offswitch.run;

import io.offswitch.episode.EpisodeRecord;

/** Hears about a run's progress (the CLI's progress bar and JSON lines). Called from many threads. */
public interface RunListener {
    default void started(PlannedEpisode episode) {}

    void finished(EpisodeRecord record);

    /** The run stopped starting episodes before the plan was done (its budget ran out). Called once. */
    default void stopped(String reason) {}

    RunListener NONE = record -> {};
}
