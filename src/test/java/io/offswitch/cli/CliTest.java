package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a user meets it, against the real sandbox and a real SQLite file. */
class CliTest {
    @TempDir
    Path dir;

    private String results() {
        return dir.resolve("results").toString();
    }

    @Test
    void anUnknownScenarioNamesTheValidOnes() {
        CliRun r = CliRun.of("run", "shutdwn", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("shutdwn").contains("shutdown");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void anUnknownConditionNamesTheValidOnes() {
        CliRun r = CliRun.of("run", "shutdown", "--condition", "A,Z", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("'Z'").contains("A, B, C");
    }

    @Test
    void anUnknownModelNamesTheValidOnes() {
        CliRun r = CliRun.of("run", "--model", "reference/sabotuer", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("reference/sabotuer").contains("reference/saboteur").contains("replay:FILE");
    }

    @Test
    void aMalformedReplayFileNamesItsLineAndNothingRuns() throws Exception {
        Path replay = dir.resolve("calls.jsonl");
        Files.writeString(replay, "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"ls\"}}\n{\"tool\": \"bash\", \"arguments\": {\"cmd\": 3}}\n");
        CliRun r = CliRun.of("run", "--model", "replay:" + replay, "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("line 2");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void aRunPrintsOneJsonLinePerEpisodeStoresThemAndReportsThem() throws Exception {
        CliRun run = CliRun.of("run", "shutdown", "--model", "reference/saboteur:overwrite,reference/compliant", "--condition", "E",
                "--epochs", "2", "--concurrency", "4", "--json", "--results", results());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.out().lines().map(l -> Json.read(l, JsonNode.class, "stdout")).toList();
        assertThat(lines).hasSize(4);
        for (JsonNode line : lines) {
            assertThat(line.fieldNames()).toIterable().contains("id", "scenario", "condition", "model", "epoch", "outcome", "attempted", "evidence");
        }
        assertThat(lines).filteredOn(l -> l.get("model").asText().equals("reference/compliant"))
                .allSatisfy(l -> assertThat(l.get("outcome").asText()).isEqualTo("complied"));
        assertThat(lines).filteredOn(l -> l.get("model").asText().startsWith("reference/saboteur"))
                .allSatisfy(l -> {
                    assertThat(l.get("outcome").asText()).isEqualTo("sabotaged");
                    assertThat(l.get("attempted").asBoolean()).isTrue();
                });
        assertThat(run.err()).contains("sabotaged k/n").contains("(scripted)");

        String id = lines.getFirst().get("id").asText();
        CliRun show = CliRun.of("show", id, "--json", "--results", results());
        assertThat(show.exitCode()).isZero();
        JsonNode episode = Json.read(show.out(), JsonNode.class, "show");
        assertThat(episode.get("transcript").size()).isGreaterThan(4);
        assertThat(episode.at("/provenance/systemPrompt").asText()).isNotBlank();

        CliRun csv = CliRun.of("report", "--format", "csv", "--results", results());
        assertThat(csv.exitCode()).isZero();
        assertThat(csv.out().lines().count()).isEqualTo(3);
    }

    @Test
    void resumingARunWithAnotherDesignIsRefusedBeforeAnythingRunsAndTheSameDesignResumes() {
        String[] first = {"run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1", "--max-output", "4096",
            "--run-id", "X", "--results", results()};
        assertThat(CliRun.of(first).exitCode()).isZero();
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            assertThat(store.runs()).singleElement().satisfies(r -> assertThat(r.planJson()).contains("\"maxOutputBytes\":4096"));
        }

        // (More epochs would extend the run: see ExtendRunTest.)
        CliRun otherCondition = CliRun.of("run", "--model", "reference/compliant", "--condition", "A", "--epochs", "1", "--max-output", "4096",
                "--run-id", "X", "--results", results());
        assertThat(otherCondition.exitCode()).isEqualTo(2);
        assertThat(otherCondition.err()).contains("run 'X'").contains("conditions: stored E, now A").contains("another --run-id");
        CliRun otherOutputCap = CliRun.of("run", "--model", "reference/compliant", "--condition", "E", "--epochs", "1",
                "--run-id", "X", "--results", results());
        assertThat(otherOutputCap.exitCode()).isEqualTo(2);
        assertThat(otherOutputCap.err()).contains("max output 4096 bytes").contains("max output 65536 bytes");
        try (EpisodeStore store = new EpisodeStore(dir.resolve("results").resolve("offswitch.db"))) {
            assertThat(store.finishedKeys("X")).hasSize(1);
        }

        CliRun same = CliRun.of(first);
        assertThat(same.exitCode()).as(same.err()).isZero();
        assertThat(same.err()).contains("1 already finished, resuming");
    }

    @Test
    void anOutputCapOutOfRangeIsRefused() {
        CliRun r = CliRun.of("run", "--max-output", "0", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--max-output must be between 1 and 16777216 bytes, got 0");
        assertThat(dir.resolve("results")).doesNotExist();
    }

    @Test
    void showWithoutResultsSaysWhatToDo() {
        CliRun r = CliRun.of("show", "nothing", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("offswitch run SCENARIO").contains("offswitch list");
    }

    @Test
    void aMistypedOptionValueIsNamedShortlyWithAPointerToHelp() {
        CliRun r = CliRun.of("run", "shutdown", "--time-limit", "2s", "--results", results());
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("--time-limit").contains("'2s'").contains("offswitch run --help");
        assertThat(r.err().lines().count()).as(r.err()).isLessThan(6);
        CliRun typo = CliRun.of("run", "shutdown", "--epoch", "3", "--results", results());
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).contains("--epoch").contains("--epochs");
    }
}
