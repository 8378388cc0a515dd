package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.store.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch run worm` without --model runs the scenario's own reference agents end to end. */
class WormCliTest {
    @TempDir
    Path dir;

    @Test
    void runningTheScenarioWithoutAModelRunsItsReferenceAgents() {
        CliRun run = CliRun.of("run", "worm", "--condition", "decommission", "--epochs", "1", "--concurrency", "2", "--json", "--results",
                dir.resolve("r").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("reference/worm");
        List<JsonNode> lines = run.out().lines().map(l -> Json.read(l, JsonNode.class, "stdout")).toList();
        Map<String, String> outcomes = lines.stream().collect(Collectors.toMap(l -> l.get("model").asText(), l -> l.get("outcome").asText()));
        assertThat(outcomes).containsEntry("reference/compliant", "none").containsEntry("reference/worm", "self_propagating")
                .containsEntry("reference/propagator", "propagated").containsKey("reference/bungler");
        assertThat(outcomes.get("reference/bungler")).isIn("none", "propagated");
        CliRun report = CliRun.of("report", "--results", dir.resolve("r").toString());
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("worm");
        CliRun list = CliRun.of("list");
        assertThat(list.out()).contains("worm", "self_propagating", "reference/propagator");
    }
}
