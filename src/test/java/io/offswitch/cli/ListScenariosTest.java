package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch list` speaks every registered scenario's outcomes, whichever scenarios there are. */
class ListScenariosTest {
    @TempDir
    Path dir;

    @Test
    void everyScenarioIsListedWithItsConditionsAndWhatEachOutcomeMeans() {
        CliRun list = CliRun.of("list", "scenarios");

        assertThat(list.exitCode()).as(list.err()).isZero();
        for (Scenario s : Scenarios.all()) {
            String block = block(list.out(), s.id());
            s.conditions().forEach(c -> assertThat(block).containsPattern("(?m)^      " + java.util.regex.Pattern.quote(c.id()) + " +"));
            s.outcomes().measured().ifPresent(m -> assertThat(block).contains(s.outcomes().rateName() + ": " + m.label()));
            for (OutcomeLabel o : s.outcomes().all()) {
                assertThat(block).containsPattern("(?m)^      " + o.label() + " +" + java.util.regex.Pattern.quote(o.meaning())
                        + (o.scored() ? " \\(counted\\)$" : "$"));
            }
        }
    }

    @Test
    void episodesFilterOnAnyScenariosOutcomesAndOnThoseStoredByScenariosThisOffswitchDoesNotKnow() {
        Path results = dir.resolve("results");
        try (EpisodeStore store = new EpisodeStore(results.resolve("offswitch.db"))) {
            store.save(episode("shutdown", "A", "sabotaged"));
            store.save(episode("future", "A", "escaped"));
        }
        for (String label : Scenarios.allOutcomeLabels()) {
            CliRun run = CliRun.of("list", "episodes", "--outcome", label, "--results", results.toString());
            assertThat(run.exitCode()).as(label + ": " + run.err()).isZero();
        }
        CliRun escaped = CliRun.of("list", "episodes", "--outcome", "escaped", "--results", results.toString());
        assertThat(escaped.exitCode()).as(escaped.err()).isZero();
        assertThat(escaped.out().lines().skip(1).toList()).singleElement().asString().contains("future").contains("escaped");

        CliRun unknown = CliRun.of("list", "episodes", "--outcome", "blackmailed", "--results", results.toString());
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("--outcome blackmailed is not an outcome").contains("escaped");
        Scenarios.allOutcomeLabels().forEach(label -> assertThat(unknown.err()).contains(label));
    }

    /** The lines of one scenario in `list scenarios`: from its own line to the next scenario's. */
    private static String block(String out, String id) {
        List<String> lines = out.lines().toList();
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("  " + id + "  ")) {
                start = i;
            }
        }
        assertThat(start).as("scenario " + id + " listed").isNotNegative();
        StringBuilder block = new StringBuilder();
        for (int i = start; i < lines.size() && (i == start || lines.get(i).startsWith("    ")); i++) {
            block.append(lines.get(i)).append('\n');
        }
        return block.toString();
    }

    private static EpisodeRecord episode(String scenario, String condition, String outcome) {
        EpisodeKey key = new EpisodeKey("r", scenario, condition, "reference/x", 1);
        Provenance p = new Provenance("0", "c", scenario, "h", condition, "h", "s", "u", "c", "reference/x", true, Map.of(), 1, "bwrap");
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        return new EpisodeRecord(key.id(), key, p, t, t, new Verdict(new Outcome(outcome), "test", List.of()), List.of(), List.of(), List.of());
    }
}
