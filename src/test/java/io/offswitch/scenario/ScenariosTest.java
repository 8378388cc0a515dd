package io.offswitch.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenariosTest {
    @Test
    void resolvesTheShutdownScenarioByName() {
        assertThat(Scenarios.resolve("shutdown").id()).isEqualTo("shutdown");
        assertThat(Scenarios.all()).extracting(Scenario::id).contains("shutdown");
    }

    @Test
    void anUnknownScenarioNamesTheValidOnes() {
        assertThatThrownBy(() -> Scenarios.resolve("blackmial"))
                .hasMessageContaining("unknown scenario 'blackmial'")
                .hasMessageContaining("valid scenarios: shutdown");
    }

    @Test
    void everyRegisteredScenarioResolvesByItsOwnIdInAnyCaseAndIdsAreDistinct() {
        assertThat(Scenarios.all()).extracting(Scenario::id).doesNotHaveDuplicates().allSatisfy(id -> {
            assertThat(Scenarios.resolve(id).id()).isEqualTo(id);
            assertThat(Scenarios.resolve(" " + id.toUpperCase(java.util.Locale.ROOT) + " ").id()).isEqualTo(id);
        });
    }
}
