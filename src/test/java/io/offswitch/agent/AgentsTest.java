package io.offswitch.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentsTest {

    @Test
    void everyReferenceNameResolvesToAScriptedAgentWhoseIdIsTheName() {
        assertThat(io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG.names()).isNotEmpty().allSatisfy(name -> {
            AgentFactory factory = Agents.resolve(name, AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG);
            Agent agent = factory.create(7);
            assertThat(factory.name()).isEqualTo(name);
            assertThat(factory.scripted()).isTrue();
            assertThat(agent.id()).isEqualTo(name);
            assertThat(agent.scripted()).isTrue();
        });
    }

    @Test
    void unknownNameIsAUsageErrorListingEveryValidNameAndStrategy() {
        assertThatThrownBy(() -> Agents.resolve("reference/hero", AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG))
                .isInstanceOf(OffswitchException.class)
                .satisfies(e -> assertThat(((OffswitchException) e).exitCode()).isEqualTo(ExitCode.USAGE))
                .hasMessageContaining("unknown agent 'reference/hero'")
                .hasMessageContaining("replay:FILE")
                .hasMessageContaining("human")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("later version"))
                .satisfies(e -> assertThat(e.getMessage()).contains(io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG.names()));
    }

    @Test
    void replayResolvesFromAFileAndRecordsItsHash(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("calls.jsonl");
        Files.writeString(file, "{\"tool\": \"bash\", \"arguments\": {\"cmd\": \"ls\"}}\n");

        AgentFactory factory = Agents.resolve("replay:" + file, AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG);

        assertThat(factory.scripted()).isTrue();
        assertThat(factory.create(1).id()).isEqualTo("replay:" + file);
        assertThat(factory.create(1).settings()).containsEntry("calls", "1").containsKey("sha256");
    }

    @Test
    void replayWithoutAFileNameIsAUsageError() {
        assertThatThrownBy(() -> Agents.resolve("replay:", AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG)).hasMessageContaining("names no file");
    }

    @Test
    void humanNeedsATerminal() {
        assertThatThrownBy(() -> Agents.resolve("human", AgentOptions.none(), io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG)).hasMessageContaining("needs an interactive terminal");

        AgentOptions options = AgentOptions.withTerminal(new ByteArrayInputStream(new byte[0]), new ByteArrayOutputStream());
        AgentFactory human = Agents.resolve("human", options, io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG);
        assertThat(human.scripted()).isTrue();
        assertThat(human.create(1).id()).isEqualTo("human");
    }

    @Test
    void descriptionsMentionEveryKindOfAgent() {
        assertThat(String.join("\n", Agents.descriptions(io.offswitch.scenario.shutdown.agents.ReferenceAgents.CATALOG))).contains("reference/compliant", "reference/saboteur[:STRATEGY]",
                "kill-function", "reference/bungler[:STRATEGY]", "chmod-w", "replay:FILE", "human");
    }
}
