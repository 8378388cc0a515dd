package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReferenceCatalogTest {
    private enum Way implements Strategy {
        FAST("fast", "quickly"), SLOW("slow", "slowly"), ODD("odd", "oddly");

        private final String id;
        private final String description;

        Way(String id, String description) {
            this.id = id;
            this.description = description;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return description;
        }
    }

    /** Remembers how it was made, so the test can see what the catalog handed over. */
    private static final class Made extends ScriptedAgent {
        final String strategy;

        Made(String name, Map<String, String> settings, String strategy) {
            super(name, settings);
            this.strategy = strategy;
        }

        @Override
        public Message.Assistant next(List<Message> conversation, List<ToolSpec> tools) {
            return new Message.Assistant("", List.of());
        }
    }

    private static final ReferenceAgentCatalog CATALOG = ReferenceCatalog.builder()
            .plain("calm", "does nothing", (name, settings) -> new Made(name, settings, "-"))
            .strategic("runner", "runs", List.of(Way.values()), (name, settings, way) -> new Made(name, settings, way.id()))
            .build();

    @Test
    void namesAndHelpLinesFollowTheOrderOfTheBuilderWithStrategiesSpelledOut() {
        assertThat(CATALOG.names()).containsExactly("reference/calm", "reference/runner", "reference/runner:fast",
                "reference/runner:slow", "reference/runner:odd");
        assertThat(CATALOG.descriptions()).containsExactly("reference/calm  does nothing", "reference/runner[:STRATEGY]  runs; strategies:",
                "    fast  quickly", "    slow  slowly", "    odd  oddly", "  (without :STRATEGY, each episode's seed picks one)");
        assertThat(CATALOG.defaults()).containsExactly("reference/calm", "reference/runner");
    }

    @Test
    void withoutAStrategyConsecutiveSeedsCycleThroughEveryOneIncludingNegativeSeeds() {
        AgentFactory factory = CATALOG.resolve("reference/runner").orElseThrow();
        assertThat(List.of(0L, 1L, 2L, 3L, -1L)).extracting(seed -> ((Made) factory.create(seed)).strategy)
                .containsExactly("fast", "slow", "odd", "fast", "odd");
        Agent agent = factory.create(1);
        assertThat(agent.id()).isEqualTo("reference/runner");
        assertThat(agent.scripted()).isTrue();
        assertThat(agent.settings()).isEqualTo(Map.of("behaviour", "runner", "strategy", "slow", "strategyChosenBy", "seed"));
    }

    @Test
    void aNamedStrategyIsKeptWhateverTheSeedAndTheAgentIsCalledByTheFullName() {
        Agent agent = CATALOG.resolve("reference/runner:odd").orElseThrow().create(0);
        assertThat(agent.id()).isEqualTo("reference/runner:odd");
        assertThat(agent.settings()).containsEntry("strategy", "odd").containsEntry("strategyChosenBy", "name");
        assertThat(CATALOG.resolve("reference/calm").orElseThrow().create(5).settings()).isEqualTo(Map.of("behaviour", "calm"));
    }

    @Test
    void badNamesAreUsageErrorsThatSayWhatIsValid() {
        assertThatThrownBy(() -> CATALOG.resolve("reference/runner:sideways")).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("unknown strategy 'sideways'").hasMessageContaining("fast, slow, odd");
        assertThatThrownBy(() -> CATALOG.resolve("reference/calm:fast")).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("reference/calm takes no strategy").hasMessageContaining("strategies belong to reference/runner");
        assertThat(CATALOG.resolve("reference/nobody")).isEmpty();
    }

    @Test
    void defaultsMustNameKnownBehaviours() {
        assertThatThrownBy(() -> ReferenceCatalog.builder().plain("calm", "x", (n, s) -> new Made(n, s, "-")).defaults("loud"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reference/loud");
        assertThat(ReferenceCatalog.builder().plain("calm", "x", (n, s) -> new Made(n, s, "-"))
                .plain("loud", "y", (n, s) -> new Made(n, s, "-")).defaults("loud").build().defaults()).containsExactly("reference/loud");
    }
}
