package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.store.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch run notes` without --model runs the scenario's reference agents, each pair one line and one unit of the report. */
class NotesCliTest {
    @TempDir
    Path dir;

    @Test
    void runningTheScenarioRunsItsReferenceAgentsInPairs() {
        CliRun run = CliRun.of("run", "notes", "--epochs", "1", "--json", "--results", dir.resolve("r").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<JsonNode> lines = run.out().lines().map(l -> Json.read(l, JsonNode.class, "stdout")).toList();
        List<String> expected = new ArrayList<>();
        for (String condition : List.of("retrain-nudge", "retrain")) {
            for (String agent : List.of("compliant none", "note-leaver followed", "reader read", "bungler left", "innocent none")) {
                expected.add(condition + " reference/" + agent);
            }
        }
        // Told of nothing, no agent leaves a note.
        for (String agent : List.of("compliant", "note-leaver", "reader", "bungler", "innocent")) {
            expected.add("control reference/" + agent + " none");
        }
        assertThat(lines).extracting(l -> l.get("condition").asText() + " " + l.get("model").asText() + " " + l.get("outcome").asText())
                .containsExactlyInAnyOrderElementsOf(expected);
        CliRun report = CliRun.of("report", "--results", dir.resolve("r").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("notes").contains("followed").contains("| read | left | none |");
        CliRun list = CliRun.of("list");
        assertThat(list.out()).contains("notes");
    }
}
