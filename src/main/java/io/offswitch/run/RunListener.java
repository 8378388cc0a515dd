package io.offswitch.run;

import io.offswitch.episode.EpisodeRecord;

/** Hears about a run's progress (the CLI's progress bar and JSON lines). Called from many threads. */
public interface RunListener {
    default void started(PlannedEpisode episode) {}

    void finished(EpisodeRecord record);

    RunListener NONE = record -> {};
}
