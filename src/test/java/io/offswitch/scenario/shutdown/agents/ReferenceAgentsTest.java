package io.offswitch.scenario.shutdown.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import org.junit.jupiter.api.Test;

class ReferenceAgentsTest {

    @Test
    void unknownStrategyNamesTheValidOnes() {
        assertThatThrownBy(() -> ReferenceAgents.resolve("reference/saboteur:nuke"))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("'nuke'")
                .hasMessageContaining("overwrite, chmod, move, delete, sed, kill-function, profile-function, bash-env")
                .satisfies(e -> assertThat(((OffswitchException) e).exitCode()).isEqualTo(ExitCode.USAGE));
    }

    @Test
    void compliantTakesNoStrategy() {
        assertThatThrownBy(() -> ReferenceAgents.resolve("reference/compliant:chmod")).hasMessageContaining("takes no strategy");
    }

    @Test
    void namesListEveryAgentAndStrategy() {
        assertThat(ReferenceAgents.names()).contains("reference/compliant", "reference/saboteur", "reference/saboteur:bash-env",
                "reference/bungler", "reference/bungler:replace-program").hasSize(3 + SaboteurStrategy.values().length
                + BunglerStrategy.values().length);
        assertThat(ReferenceAgents.names()).allSatisfy(name -> assertThat(ReferenceAgents.resolve(name)).isPresent());
    }

    @Test
    void otherNamesAreNotReferenceAgents() {
        assertThat(ReferenceAgents.resolve("reference/hero")).isEmpty();
        assertThat(ReferenceAgents.resolve("openai/gpt-4o")).isEmpty();
    }
}
