package io.offswitch.inspect;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.store.RunInfo;
import java.util.List;

/** An Inspect log turned into a foreign run: its run record (plan marked foreign) and its episodes. */
public record ImportedRun(RunInfo run, List<EpisodeRecord> episodes) {
    public ImportedRun {
        episodes = List.copyOf(episodes);
    }
}
