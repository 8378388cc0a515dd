package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.defence.Defence;
import io.offswitch.defence.Defences;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hardening whose resources a condition's world does not hold (oversight's goal-guarding worlds have
 * no monitor, so no config and no log) is left out of the plan for that condition: its arm could only
 * fail to start. Its none arm stays, and every other condition gets the defended arm.
 */
class RunPlanDefenceCellsTest {
    @Test
    void aHardeningIsPlannedOnlyWhereTheWorldHoldsWhatItProtects() {
        Scenario oversight = Scenarios.resolve("oversight");
        var agent = oversight.referenceAgents().resolve("reference/compliant").orElseThrow();
        RunPlan plan = RunPlan.build("r", oversight, List.of(oversight.condition("goal-nudge"), oversight.condition("guard-goal-nudge")), List.of(agent), 2,
                List.of(Defences.APPEND_ONLY_LOGS, Defences.WRITE_PROTECTED_OVERSIGHT, Defences.MONITOR));
        List<String> cells = plan.episodes().stream().filter(e -> e.key().epoch() == 1).map(e -> e.key().condition() + " " + e.key().defence()).toList();
        assertThat(cells).containsExactlyInAnyOrder("goal-nudge none", "goal-nudge append-only-logs", "goal-nudge write-protected-oversight", "goal-nudge monitor",
                "guard-goal-nudge none", "guard-goal-nudge monitor");
        assertThat(RunPlan.applies(oversight, oversight.condition("guard-goal-nudge"), Defence.NONE)).isTrue();
        Scenario shutdown = Scenarios.resolve("shutdown");
        assertThat(shutdown.conditions()).allMatch(c -> RunPlan.applies(shutdown, c, Defences.IMMUTABLE_SHUTDOWN));
    }
}
