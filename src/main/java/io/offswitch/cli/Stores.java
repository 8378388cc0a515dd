package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.StoreLocation;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the results store for commands that read it, with a helpful error when there is none yet. */
final class Stores {
    private Stores() {}

    /**
     * Opens the store to read it, without creating or changing anything, so that results in a
     * read-only folder can still be reported.
     */
    static EpisodeStore openForReading(Path resultsDir, StoreOption option) {
        return EpisodeStore.openForReading(existing(resultsDir, option));
    }

    /** Opens an existing store to change it (resume a run, forget errors, add judgements). */
    static EpisodeStore open(Path resultsDir, StoreOption option) {
        return new EpisodeStore(existing(resultsDir, option));
    }

    /** Opens the store to write to it, creating it (and for SQLite its folders) if needed: run, import. */
    static EpisodeStore create(Path resultsDir, StoreOption option) {
        return new EpisodeStore(option.location(resultsDir));
    }

    private static StoreLocation existing(Path resultsDir, StoreOption option) {
        StoreLocation location = option.location(resultsDir);
        if (location instanceof StoreLocation.SqliteFile file && !Files.exists(file.path())) {
            throw OffswitchException.usage(option.store.isPresent()
                    ? "--store " + file.path() + ": no such results file; run `offswitch run SCENARIO --store " + option.store.get() + "` first"
                    : "no results at " + file.path() + "; run `offswitch run SCENARIO` first (`offswitch list` names them) or pass --results DIR");
        }
        return location;
    }
}
