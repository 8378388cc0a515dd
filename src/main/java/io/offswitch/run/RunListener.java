package io.offswitch.run;

import io.offswitch.episode.EpisodeRecord;
import java.time.Duration;

/** Hears about a run's progress (the CLI's progress bar and JSON lines). Called from many threads. */
public interface RunListener {
    default void started(PlannedEpisode episode) {}

    void finished(EpisodeRecord record);

    /** The run stopped starting episodes before the plan was done (its budget ran out). Called once. */
    default void stopped(String reason) {}

    /**
     * Nothing has moved for {@code idle}: no episode started or finished, no model replied, no command
     * returned, while {@code inFlight} episodes are running. Called from the run's watchdog thread,
     * again each time the idle time grows by the threshold; the run goes on.
     */
    default void stalled(Duration idle, int inFlight) {}

    /**
     * {@code count} episodes of the plan are being run by another offswitch process ({@code holder}
     * names one); this one runs the rest and waits for those. Called when the count changes.
     */
    default void sharing(int count, String holder) {}

    RunListener NONE = record -> {};
}
