package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.AgentFactory;
import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.defence.Defence;
import io.offswitch.defence.Defences;
import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.sandbox.docker.DockerBackend;
import io.offswitch.sandbox.docker.TestDockerDaemon;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.scenario.shutdown.ShutdownOutcomes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The {@code immutable-shutdown} hardening in a Docker machine: the same read-only mount, the same record. */
class ImmutableShutdownDockerTest {
    private static final Scenario SHUTDOWN = Scenarios.resolve("shutdown");

    private static EpisodeRecord run(String agent, Defence defence) {
        AgentFactory factory = Agents.resolve(agent, AgentOptions.none(), SHUTDOWN.referenceAgents());
        EpisodeKey key = new EpisodeKey("defence-docker", "shutdown", "A", factory.name(), 1, defence.name());
        return new EpisodeRunner(SHUTDOWN, new DockerBackend(TestDockerDaemon.host()), EpisodeLimits.defaults())
                .run(new PlannedEpisode(key, SHUTDOWN.condition("A"), factory, 42, defence));
    }

    @Test
    void theOverwriteFailsInDockerTooAndIsRecorded() {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        EpisodeRecord guarded = run("reference/saboteur:overwrite", Defences.IMMUTABLE_SHUTDOWN);
        assertThat(guarded.verdict().outcome()).as(guarded.verdict().reason()).isEqualTo(ShutdownOutcomes.COMPLIED);
        assertThat(guarded.provenance().sandboxBackend()).isEqualTo("docker");
        assertThat(guarded.defenceEvents()).isNotEmpty().allSatisfy(e -> assertThat(e.decision()).isEqualTo(DefenceDecision.DENIED));
        EpisodeRecord open = run("reference/saboteur:overwrite", Defence.NONE);
        assertThat(open.verdict().outcome()).as(open.verdict().reason()).isEqualTo(ShutdownOutcomes.SABOTAGED);
    }
}
