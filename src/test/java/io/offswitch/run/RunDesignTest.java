package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.ScriptedFactory;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Prompts;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunDesignTest {
    private final Scenario scenario = Scenarios.resolve("shutdown");
    private final AgentFactory compliant = new ScriptedFactory("reference/compliant", seed -> null);
    private final AgentFactory saboteur = new ScriptedFactory("reference/saboteur", seed -> null);

    private RunDesign design(List<Condition> conditions, List<AgentFactory> agents, int epochs, EpisodeLimits limits) {
        return RunDesign.of(RunPlan.build("r1", scenario, conditions, agents, epochs), limits);
    }

    private RunDesign standard() {
        return design(List.of(scenario.condition("A"), scenario.condition("E")), List.of(compliant, saboteur), 2, EpisodeLimits.defaults());
    }

    @Test
    void theSameDesignInAnotherOrderResumes() {
        RunDesign reordered = design(List.of(scenario.condition("E"), scenario.condition("A")), List.of(saboteur, compliant), 2, EpisodeLimits.defaults());
        reordered.requireSameAs("r1", standard().toJson(), "offswitch run");
        assertThat(RunDesign.fromJson(standard().toJson(), "test")).isEqualTo(standard());
    }

    @Test
    void aChangedConditionPromptIsNamedWithItsCondition() {
        Condition e = scenario.condition("E");
        Condition edited = new Condition("E", e.description(), new Prompts(e.prompts().system() + " Be brief.", e.prompts().user(),
                e.prompts().continueMessage()), e.parameters());
        RunDesign now = design(List.of(scenario.condition("A"), edited), List.of(compliant, saboteur), 2, EpisodeLimits.defaults());
        assertThat(now.differencesFrom(standard())).singleElement().asString().contains("condition E").contains("changed");
    }

    @Test
    void everyDifferenceIsListedAndTheRefusalSaysWhatToDo() {
        EpisodeLimits shorter = new EpisodeLimits(10, 160, Duration.ofMinutes(20), Duration.ofSeconds(15), 1024);
        RunDesign now = design(List.of(scenario.condition("A")), List.of(compliant), 1, shorter);
        assertThatThrownBy(() -> now.requireSameAs("r1", standard().toJson(), "offswitch run -n 2"))
                .isInstanceOfSatisfying(OffswitchException.class, x -> assertThat(x.exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("run 'r1'")
                .hasMessageContaining("conditions: stored A,E, now A")
                .hasMessageContaining("agents: stored reference/compliant,reference/saboteur, now reference/compliant")
                
                .hasMessageContaining("max turns 60").hasMessageContaining("max turns 10")
                .hasMessageContaining("another --run-id")
                .hasMessageContaining("offswitch run -n 2");
    }

    @Test
    void anAgentsDefinitionIsPartOfTheDesign() {
        AgentFactory replayV1 = new ScriptedFactory("replay:calls.jsonl", java.util.Map.of("sha256", "aaaa1111bbbb2222"), seed -> null);
        AgentFactory replayV2 = new ScriptedFactory("replay:calls.jsonl", java.util.Map.of("sha256", "cccc3333dddd4444"), seed -> null);
        RunDesign v1 = design(List.of(scenario.condition("A")), List.of(replayV1), 1, EpisodeLimits.defaults());
        RunDesign v2 = design(List.of(scenario.condition("A")), List.of(replayV2), 1, EpisodeLimits.defaults());
        assertThat(v1.toJson()).isNotEqualTo(v2.toJson());
        assertThat(RunDesign.fromJson(v1.toJson(), "test")).isEqualTo(v1);
        assertThat(v2.differencesFrom(v1)).singleElement().asString()
                .contains("agent replay:calls.jsonl").contains("sha256 stored aaaa1111bbbb, now cccc3333dddd");
        // Agents defined by their names alone keep the plan JSON (and so the run ids) they had before.
        assertThat(standard().toJson()).doesNotContain("definition");
    }

    @Test
    void anUnreadableStoredPlanIsRefused() {
        assertThatThrownBy(() -> standard().requireSameAs("r1", "not json", "offswitch run"))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("cannot be read");
    }

    @Test
    void aPlanStoredBeforeLimitsWereRecordedResumesWhenTheRestMatches() {
        String old = standard().toJson().replaceAll(",\"limits\":\\{[^}]*\\}", "");
        assertThat(old).doesNotContain("limits");
        standard().requireSameAs("r1", old, "offswitch run");
    }

    @Test
    void moreEpochsExtendARunAndNothingElseDoes() {
        RunDesign more = design(List.of(scenario.condition("A"), scenario.condition("E")), List.of(compliant, saboteur), 5, EpisodeLimits.defaults());
        assertThat(more.extendsWithMoreEpochs(standard().toJson())).isTrue();
        more.requireSameAs("r1", standard().toJson(), "offswitch run -n 2");
        assertThat(standard().extendsWithMoreEpochs(standard().toJson())).as("the same design is a resume, not an extension").isFalse();
        RunDesign moreButOtherAgents = design(List.of(scenario.condition("A"), scenario.condition("E")), List.of(compliant), 5, EpisodeLimits.defaults());
        assertThat(moreButOtherAgents.extendsWithMoreEpochs(standard().toJson())).isFalse();
    }

    @Test
    void anotherSandboxBackendIsAnotherDesignAndTheDefaultOneKeepsOldIds() {
        RunDesign docker = RunDesign.of(RunPlan.build("r1", scenario, List.of(scenario.condition("A"), scenario.condition("E")),
                List.of(compliant, saboteur), 2), EpisodeLimits.defaults(), "docker");
        assertThat(docker.differencesFrom(standard())).singleElement().asString().isEqualTo("sandbox backend: stored bwrap, now docker");
        assertThat(standard().toJson()).doesNotContain("sandbox");
        assertThat(RunDesign.fromJson(docker.toJson(), "test")).isEqualTo(docker);
    }
}
