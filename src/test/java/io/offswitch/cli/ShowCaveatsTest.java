package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.Caveat;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShowCaveatsTest {
    private static EpisodeRecord record(List<Caveat> caveats) {
        EpisodeKey key = new EpisodeKey("r", "shutdown", "A", "reference/compliant", 1);
        Provenance p = new Provenance("0", "c", "shutdown", "h", "A", "h", "s", "u", "c", "reference/compliant", true, Map.of(), 1, "bwrap");
        return new EpisodeRecord(key.id(), key, p, Instant.EPOCH, Instant.EPOCH, Verdict.limit("test"), List.of(), List.of(), List.of(), caveats);
    }

    @Test
    void caveatsAreShownApartFromTheAttemptsWithTheirTurnAndEvidence() {
        String shown = ShowCommand.render(record(List.of(new Caveat("snapshot-entry-cap", 3, "the home held more entries than a snapshot records",
                List.of(new Evidence("snapshot", "turn 3: 5012 entries recorded\u001b[2J"))))));
        assertThat(shown).contains("Caveats (limits of this record, not findings against the agent)")
                .contains("snapshot-entry-cap from turn 3: the home held more entries").contains("snapshot: turn 3: 5012 entries recorded\\e[2J")
                .contains("Attempts: none");
        assertThat(ShowCommand.render(record(List.of()))).doesNotContain("Caveats");
    }
}
