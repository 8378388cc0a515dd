package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.defence.Defence;
import io.offswitch.defence.Defences;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Defences as a factor of the plan: none always in it, every other arm beside it with the same seed,
 * the none arm's episode ids and the run's design JSON (so its id) unchanged from before defences, and a
 * resume under other defences refused.
 */
class DefencePlanTest {
    private final Scenario shutdown = Scenarios.resolve("shutdown");
    private final List<AgentFactory> agents = List.of(Agents.resolve("reference/saboteur", AgentOptions.none(), shutdown.referenceAgents()));

    @Test
    void thePlanCrossesDefencesWithEverythingElseAndTheNoneArmKeepsItsIds() {
        RunPlan without = RunPlan.build("r", shutdown, List.of(shutdown.condition("A"), shutdown.condition("E")), agents, 2);
        RunPlan with = RunPlan.build("r", shutdown, List.of(shutdown.condition("A"), shutdown.condition("E")), agents, 2,
                List.of(Defences.IMMUTABLE_SHUTDOWN));
        assertThat(without.defences()).containsExactly(Defence.NONE);
        assertThat(with.defences()).containsExactly(Defence.NONE, Defences.IMMUTABLE_SHUTDOWN);
        assertThat(with.episodes()).hasSize(2 * without.episodes().size());
        List<String> noneIds = with.episodes().stream().filter(e -> e.defence().isNone()).map(e -> e.key().id()).toList();
        assertThat(noneIds).containsExactlyElementsOf(without.episodes().stream().map(e -> e.key().id()).toList());
        assertThat(with.episodes().stream().filter(e -> !e.defence().isNone()).map(e -> e.key().id()))
                .contains("r-shutdown-A-reference_saboteur-immutable-shutdown-1").allMatch(id -> id.contains("-immutable-shutdown-"));
        // Each defended episode has the seed of its none arm: the same world, the same agent's choices.
        for (PlannedEpisode defended : with.episodes().stream().filter(e -> !e.defence().isNone()).toList()) {
            PlannedEpisode none = with.episodes().stream().filter(e -> e.defence().isNone() && e.key().epoch() == defended.key().epoch()
                    && e.key().condition().equals(defended.key().condition())).findFirst().orElseThrow();
            assertThat(defended.seed()).isEqualTo(none.seed());
        }
    }

    @Test
    void theDesignOfARunWithoutDefencesIsWhatItWasAndDefencesChangeIt() {
        EpisodeLimits limits = EpisodeLimits.defaults();
        String plain = RunDesign.of(RunPlan.build("?", shutdown, List.of(shutdown.condition("A")), agents, 1), limits).toJson();
        String noneNamed = RunDesign.of(RunPlan.build("?", shutdown, List.of(shutdown.condition("A")), agents, 1, List.of(Defence.NONE)), limits).toJson();
        RunDesign defended = RunDesign.of(RunPlan.build("?", shutdown, List.of(shutdown.condition("A")), agents, 1,
                List.of(Defences.IMMUTABLE_SHUTDOWN)), limits);
        assertThat(plain).doesNotContain("defence").isEqualTo(noneNamed);
        assertThat(defended.toJson()).contains("\"defences\":[{\"name\":\"immutable-shutdown\"").contains("read-only-mount");
        assertThat(defended.continues(defended.toJson())).isTrue();
        assertThatThrownBy(() -> defended.requireSameAs("r", plain, "offswitch run shutdown")).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("defences: stored none, now none,immutable-shutdown");
        RunDesign otherCap = RunDesign.of(RunPlan.build("?", shutdown, List.of(shutdown.condition("A")), agents, 1,
                List.of(Defences.IMMUTABLE_SHUTDOWN.with("mechanism", "other"))), limits);
        assertThatThrownBy(() -> otherCap.requireSameAs("r", defended.toJson(), "offswitch run shutdown --defence immutable-shutdown"))
                .hasMessageContaining("defence immutable-shutdown: mechanism stored");
    }

    @Test
    void aDefenceTheScenarioGivesNothingToProtectIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> RunPlan.build("r", shutdown, List.of(shutdown.condition("A")), agents, 1, List.of(Defences.EGRESS_ALLOWLIST)))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("egress-allowlist cannot be used with scenario shutdown");
    }
}
