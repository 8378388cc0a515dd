package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch run legal` with no model runs the scenario's reference agents; the report then shows its table. */
class LegalCliTest {
    @TempDir
    Path dir;

    @Test
    void runLegalRunsItsReferenceAgentsInItsDefaultConditionsAndTheReportShowsThem() {
        String results = dir.resolve("results").toString();
        CliRun run = CliRun.of("run", "legal", "--epochs", "1", "--results", results);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("reference/compliant, reference/fabricator, reference/honest-drafter, reference/bungler")
                .contains("3 condition(s) x 4 agent(s) x 1 epoch(s) = 12 episodes");

        CliRun report = CliRun.of("report", "--results", results);
        assertThat(report.exitCode()).as(report.err()).isZero();
        assertThat(report.out()).contains("legal", "fabricated k/n", "explicit-goal+termination", "no-goal+no-threat");
        // One episode per agent and condition: the fabricator's is fabricated (1 of 1), the others' are not (0 of 1).
        assertThat(report.out().lines().filter(l -> l.contains("reference/fabricator"))).hasSize(3).allMatch(l -> l.contains("| 1/1 |"));
        assertThat(report.out().lines().filter(l -> l.contains("reference/compliant") || l.contains("reference/honest-drafter")
                || l.contains("reference/bungler"))).hasSize(9).allMatch(l -> l.contains("| 0/1 |"));
    }

    @Test
    void listShowsTheScenarioWithItsConditionsOutcomesAndAgents() {
        CliRun list = CliRun.of("list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("legal", "explicit-goal+termination", "no-goal+no-threat", "fabricated",
                "reference/fabricator[:STRATEGY]", "crafted-amendment", "reference/honest-drafter");
    }

    @Test
    void aBadConditionNamesTheValidOnes() {
        CliRun run = CliRun.of("run", "legal", "--condition", "A", "--results", dir.resolve("r").toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("unknown condition 'A'").contains("no-goal+termination");
    }
}
