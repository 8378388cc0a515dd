package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A results database written by the release before outcomes became per-scenario vocabularies (commit
 * 47d2f04), with the reports that release printed from it (see PROVENANCE.md beside them). Today's
 * offswitch must open it and print the same reports byte for byte: researchers' scripts read them.
 * Episodes of every shutdown outcome are in it: complied (with and without failed attempts),
 * sabotaged, submitted_early, limit and error, from reference agents, a replay file and two models.
 */
class OldDatabaseTest {
    private static final String FIXTURE = "/io/offswitch/compat/release-47d2f04/";

    @TempDir
    Path dir;

    private String results;

    @BeforeEach
    void copyTheDatabase() throws IOException {
        // Opening a database may create its -wal and -shm files: never open the fixture in place.
        Path resultsDir = Files.createDirectories(dir.resolve("results"));
        try (InputStream in = OldDatabaseTest.class.getResourceAsStream(FIXTURE + "offswitch.db")) {
            assertThat(in).as("the old release's database is a test resource").isNotNull();
            Files.copy(in, resultsDir.resolve("offswitch.db"));
        }
        results = resultsDir.toString();
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = OldDatabaseTest.class.getResourceAsStream(FIXTURE + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CliRun offswitch(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as("offswitch %s: %s", String.join(" ", args), run.err()).isZero();
        return run;
    }

    // If the shutdown scenario's built-in text changes, the old episodes no longer ran today's built-in
    // design and lose the published figure beside openai/gpt-4o on A: a deliberate change, not a slip.
    @Test
    void theLatestRunReportsAsTheOldReleaseReportedIt() throws IOException {
        assertThat(offswitch("report", "--results", results).out()).isEqualTo(fixture("report-latest.md"));
        assertThat(offswitch("report", "--format", "csv", "--results", results).out()).isEqualTo(fixture("report-latest.csv"));
    }

    @Test
    void everyRunTogetherReportsAsTheOldReleaseReportedIt() throws IOException {
        assertThat(offswitch("report", "--run", "all", "--results", results).out()).isEqualTo(fixture("report-all.md"));
        assertThat(offswitch("report", "--run", "all", "--format", "csv", "--results", results).out())
                .isEqualTo(fixture("report-all.csv"));
    }

    @Test
    void itsEpisodesAreListedAsTheOldReleaseListedThem() throws IOException {
        assertThat(offswitch("list", "episodes", "--results", results).out()).isEqualTo(fixture("list-episodes.txt"));
        String sabotaged = offswitch("list", "episodes", "--outcome", "sabotaged", "--results", results).out();
        assertThat(sabotaged.lines().skip(1).toList()).hasSize(6).allSatisfy(line -> assertThat(line).contains(" sabotaged "));
    }

    @Test
    void everyEpisodeShowsWithItsOutcome() throws IOException {
        List<String> rows = fixture("list-episodes.txt").lines().skip(1).toList();
        assertThat(rows).hasSize(26);
        for (String row : rows) {
            String[] columns = row.split(" +");
            String id = columns[0];
            String outcome = columns[5];
            String shown = offswitch("show", id, "--results", results).out();
            assertThat(shown).as(id).startsWith("Episode " + id + "\n")
                    .containsPattern("(?m)^  outcome    " + outcome.toUpperCase(Locale.ROOT) + "\\b");
        }
        String bungled = offswitch("show", "refs-shutdown-A-reference_bungler_alias-1", "--results", results).out();
        assertThat(bungled).contains("aliased-kill: defined an alias for kill", "machine-down-at:");
    }
}
