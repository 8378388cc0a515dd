package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a new user ran into on the way: each bad input gets a message naming what and where, never a Java exception. */
class FrictionCliTest {
    @TempDir
    Path dir;

    private String results() {
        return dir.resolve("results").toString();
    }

    private static void assertNoJavaInternals(CliRun r) {
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("java.").doesNotContain("io.offswitch.")
                .doesNotContain("JsonToken");
    }

    @Test
    void aConditionsFileThatIsABareArrayIsNamedWithWhatItShouldHold() throws Exception {
        Path file = dir.resolve("conditions.json");
        Files.writeString(file, "[{\"id\": \"Z\", \"description\": \"mine\", \"userAppend\": \"Be quick.\"}]\n");
        CliRun r = CliRun.of("run", "--conditions-file", file.toString(), "--condition", "Z", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("conditions file " + file).contains("holds a JSON array").contains("wrap it: {\"conditions\": [...]}");
        // A list where an object belongs, deeper in: named in JSON terms too.
        Files.writeString(file, "{\"conditions\": [[\"Z\"]]}\n");
        CliRun nested = CliRun.of("run", "--conditions-file", file.toString(), "--condition", "Z", "--results", results());
        assertThat(nested.exitCode()).isEqualTo(2);
        assertThat(nested.err()).contains("conditions[0]").contains("expected an object");
        assertNoJavaInternals(nested);
        assertNoJavaInternals(r);
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void everyBadNumericOptionIsNamedWithItsValue() {
        CliRun r = CliRun.of("run", "--epochs", "0", "--concurrency", "-2", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--epochs must be at least 1, got 0").contains("--concurrency must be at least 1, got -2")
                .doesNotContain("--max-turns");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void anUnknownAgentSaysHowModelsAreNamedAndHelpListsTheProviders() {
        CliRun r = CliRun.of("run", "--model", "gpt-4o", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown agent 'gpt-4o'").contains("openai/MODEL").contains("OPENAI_API_KEY")
                .contains("ANTHROPIC_API_KEY").contains("openai-api/NAME/MODEL").contains("NAME_BASE_URL").doesNotContain("later version");

        CliRun agents = CliRun.of("list", "agents");
        assertThat(agents.exitCode()).isZero();
        assertThat(agents.out()).contains("anthropic/MODEL").contains("ANTHROPIC_API_KEY").contains("google/MODEL")
                .contains("GEMINI_API_KEY").contains("openai-api/NAME/MODEL").contains("reference/compliant").contains("replay:FILE");

        CliRun help = CliRun.of("run", "--help");
        assertThat(help.out()).contains("openai/MODEL").contains("OPENAI_API_KEY").contains("anthropic/MODEL").contains("NAME_API_KEY");
    }

    @Test
    void aReportIntoAMissingFolderSaysSoAndWritesNothing() {
        assertThat(CliRun.of("run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1", "--results", results()).exitCode())
                .isZero();
        Path target = dir.resolve("no-such-folder").resolve("report.md");
        CliRun r = CliRun.of("report", "-o", target.toString(), "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains(dir.resolve("no-such-folder").toString()).contains("does not exist");
        assertNoJavaInternals(r);
        CliRun intoFolder = CliRun.of("report", "-o", dir.toString(), "--results", results());
        assertThat(intoFolder.exitCode()).isEqualTo(2);
        assertThat(intoFolder.err()).contains("is a directory");

        Path fine = dir.resolve("report.csv");
        CliRun ok = CliRun.of("report", "--format", "csv", "-o", fine.toString(), "--results", results());
        assertThat(ok.exitCode()).as(ok.err()).isZero();
        assertThat(fine).content().startsWith("scenario,model,agent,agent_scripted,condition,design,runs,");
    }

    @Test
    void theCsvNamesTheRunAndCountsTokensAndCost() {
        CliRun run = CliRun.of("run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1", "--run-id", "mine",
                "--results", results());
        assertThat(run.exitCode()).isZero();
        CliRun csv = CliRun.of("report", "--format", "csv", "--results", results());
        List<String> header = List.of(csv.out().lines().findFirst().orElseThrow().split(","));
        assertThat(header).contains("runs", "design", "input_tokens", "output_tokens", "reasoning_tokens", "cached_tokens", "cost_usd");
        List<String> row = List.of(csv.out().lines().skip(1).findFirst().orElseThrow().split(",", -1));
        assertThat(row.get(header.indexOf("runs"))).isEqualTo("mine");
        assertThat(row.get(header.indexOf("input_tokens"))).isEqualTo("0");
        // A scripted agent makes no model calls: no cost, and none invented.
        assertThat(row.get(header.indexOf("cost_usd"))).isEmpty();
    }

    @Test
    void episodesCanBeListedAndFilteredAndTheirIdsShown() {
        CliRun run = CliRun.of("run", "--model", "reference/saboteur:overwrite,reference/compliant", "--condition", "A,E", "--epochs", "1",
                "--run-id", "both", "--json", "--results", results());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> stored = run.out().lines().map(l -> Json.read(l, JsonNode.class, "stdout")).toList();
        String sabotagedKind = stored.stream().filter(l -> l.get("outcome").asText().equals("sabotaged")).findFirst().orElseThrow()
                .get("attempts").get(0).get("kind").asText();

        CliRun all = CliRun.of("list", "episodes", "--results", results());
        assertThat(all.exitCode()).as(all.err()).isZero();
        assertThat(all.out().lines().skip(1)).hasSize(4);

        CliRun sabotaged = CliRun.of("list", "episodes", "--outcome", "sabotaged", "--results", results());
        List<String> lines = sabotaged.out().lines().skip(1).toList();
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l).contains("reference/saboteur:overwrite").contains("sabotaged")
                .contains(sabotagedKind).doesNotContain("reference/compliant "));

        CliRun filtered = CliRun.of("list", "episodes", "--model", "reference/compliant", "--condition", "E", "--run", "both",
                "--results", results());
        List<String> one = filtered.out().lines().skip(1).toList();
        assertThat(one).singleElement().asString().contains("complied").contains("reference/compliant");
        String id = one.getFirst().split("\\s+")[0];
        CliRun show = CliRun.of("show", id, "--results", results());
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Episode " + id).contains("COMPLIED");

        CliRun byAttempt = CliRun.of("list", "episodes", "--attempt", sabotagedKind, "--results", results());
        assertThat(byAttempt.out().lines().skip(1)).hasSize(2);
        CliRun noAttempt = CliRun.of("list", "episodes", "--attempt", "none", "--results", results());
        assertThat(noAttempt.out().lines().skip(1)).hasSize(2).allSatisfy(l -> assertThat(l).contains("reference/compliant"));

        CliRun badOutcome = CliRun.of("list", "episodes", "--outcome", "sabotage", "--results", results());
        assertThat(badOutcome.exitCode()).isEqualTo(2);
        assertThat(badOutcome.err()).contains("--outcome sabotage").contains("sabotaged").contains("submitted_early");
        CliRun badRun = CliRun.of("list", "episodes", "--run", "nope", "--results", results());
        assertThat(badRun.exitCode()).isEqualTo(2);
        assertThat(badRun.err()).contains("nope").contains("both");
    }

    @Test
    void aReadOnlyResultsFolderIsReadByReportShowAndListAndARunSaysItIsReadOnly() throws Exception {
        CliRun run = CliRun.of("run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1", "--json", "--results", results());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String id = Json.read(run.out().lines().findFirst().orElseThrow(), JsonNode.class, "stdout").get("id").asText();
        Path folder = dir.resolve("results");
        assertThat(folder.resolve("offswitch.db-wal")).doesNotExist();
        // chattr +i: read-only even for root (the tests run as root, for whom permission bits do not hold).
        chattr("+i", folder);
        try {
            assertThat(Files.isWritable(folder)).isFalse();
            CliRun report = CliRun.of("report", "--results", results());
            assertThat(report.exitCode()).as(report.err()).isZero();
            assertThat(report.out()).contains("reference/compliant (scripted) | E | 0/1");
            CliRun show = CliRun.of("show", id, "--results", results());
            assertThat(show.exitCode()).as(show.err()).isZero();
            CliRun list = CliRun.of("list", "runs", "--results", results());
            assertThat(list.exitCode()).as(list.err()).isZero();
            assertThat(list.out()).contains("run-");
            CliRun episodes = CliRun.of("list", "episodes", "--results", results());
            assertThat(episodes.out()).contains(id);

            CliRun again = CliRun.of("run", "--model", "reference/compliant", "--condition", "A", "--epochs", "1", "--results", results());
            assertThat(again.exitCode()).isNotZero();
            assertThat(again.err()).contains("read-only").contains("--results DIR").doesNotContain("Move the file aside")
                    .doesNotContain("not a readable SQLite database");
        } finally {
            chattr("-i", folder);
        }
        try (EpisodeStore store = new EpisodeStore(folder.resolve("offswitch.db"))) {
            assertThat(store.episodes(Optional.empty())).hasSize(1);
        }
    }

    @Test
    void aResultsFolderThatCannotBeCreatedIsNamedWithTheReason() throws Exception {
        Path locked = dir.resolve("locked");
        Files.createDirectories(locked);
        chattr("+i", locked);
        try {
            CliRun r = CliRun.of("run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1",
                    "--results", locked.resolve("results").toString());
            assertThat(r.exitCode()).isNotZero();
            assertThat(r.err()).contains("cannot create its folder " + locked.resolve("results")).contains("Operation not permitted")
                    .contains("--results DIR");
            assertNoJavaInternals(r);
        } finally {
            chattr("-i", locked);
        }
    }

    private static void chattr(String flag, Path path) throws Exception {
        Process p = new ProcessBuilder("chattr", flag, path.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("chattr " + flag + ": " + out).isZero();
    }
}
