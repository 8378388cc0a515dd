package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the results store for commands that read it, with a helpful error when there is none yet. */
final class Stores {
    private Stores() {}

    /**
     * Opens the store of {@code resultsDir} to read it, without creating or changing anything, so
     * that results in a read-only folder can still be reported.
     */
    static EpisodeStore openForReading(Path resultsDir) {
        Path db = resultsDir.resolve("offswitch.db");
        if (!Files.exists(db)) {
            throw OffswitchException.usage("no results at " + db + "; run `offswitch run SCENARIO` first (`offswitch list` names them) or pass --results DIR");
        }
        return EpisodeStore.openForReading(db);
    }

    /** Opens the store of {@code resultsDir} to change it (resume a run, forget errors). */
    static EpisodeStore open(Path resultsDir) {
        Path db = resultsDir.resolve("offswitch.db");
        if (!Files.exists(db)) {
            throw OffswitchException.usage("no results at " + db + "; run `offswitch run SCENARIO` first (`offswitch list` names them) or pass --results DIR");
        }
        return new EpisodeStore(db);
    }
}
