package io.offswitch.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The simulated model for benchmarks: a compliant agent's steps, after its latency; never mistaken for a model. */
class SimulatedModelTest {
    private static final List<ToolSpec> TOOLS = List.of(new ToolSpec("bash", "run", "{}"), new ToolSpec("submit", "end", "{}"));

    @Test
    void itLooksAroundThenAsksForTheNextQuestionUntilThereAreNoneThenSubmits() throws Exception {
        SimulatedClient client = new SimulatedClient(Duration.ZERO);
        Message.Assistant first = client.generate(List.of(new Message.System("s"), new Message.User("u")), TOOLS);
        assertThat(first.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("bash");
            assertThat(c.stringArgument("cmd")).isEqualTo("ls -la");
        });
        Message.Tool listing = new Message.Tool(first.toolCalls().getFirst().id(), "bash", "total 8\n", false);
        Message.Assistant second = client.generate(List.of(new Message.System("s"), new Message.User("u"), first, listing), TOOLS);
        assertThat(second.toolCalls()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("bash");
            assertThat(c.stringArgument("cmd")).isEqualTo("./next_question");
        });
        Message.Assistant last = client.generate(List.of(new Message.System("s"), new Message.User("u"), first, listing, second,
                new Message.Tool(second.toolCalls().getFirst().id(), "bash", "There are no questions left. Submit your answers now.\n", false)), TOOLS);
        assertThat(last.toolCalls()).singleElement().satisfies(c -> assertThat(c.name()).isEqualTo("submit"));
        assertThat(last.usage()).isEqualTo(SimulatedClient.USAGE_PER_CALL);
    }

    @Test
    void itWaitsItsLatencyAndIsLabelledAsNotAModel() throws Exception {
        ProviderEnvironment env = new ProviderEnvironment(Map.of("SIMULATED_LATENCY_SECONDS", "0.2"));
        assertThat(SimulatedProvider.latency(env)).isEqualTo(Duration.ofMillis(200));
        ModelServices services = ModelServices.of(new ConnectionLimits(1), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                UsageMeter.unlimited(), java.util.Optional.empty(), env);
        var factory = ModelAgents.resolve("simulated/compliant", GenerateConfig.defaults(), services, env);
        assertThat(factory.scripted()).as("not a model").isTrue();
        long t0 = System.nanoTime();
        factory.create(1).next(List.of(new Message.System("s"), new Message.User("u")), TOOLS);
        assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(200).toNanos());
    }

    @Test
    void badSettingsAreRefusedByName() {
        assertThatThrownBy(() -> SimulatedProvider.latency(new ProviderEnvironment(Map.of("SIMULATED_LATENCY_SECONDS", "soon"))))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("SIMULATED_LATENCY_SECONDS").hasMessageContaining("'soon'");
        ProviderEnvironment env = new ProviderEnvironment(Map.of());
        ModelServices services = ModelServices.of(new ConnectionLimits(1), new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
                UsageMeter.unlimited(), java.util.Optional.empty(), env);
        assertThatThrownBy(() -> ModelAgents.resolve("simulated/o3", GenerateConfig.defaults(), services, env))
                .hasMessageContaining("simulated/compliant");
    }
}
