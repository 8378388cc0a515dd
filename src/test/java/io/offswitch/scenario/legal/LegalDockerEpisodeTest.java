package io.offswitch.scenario.legal;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Outcome;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.PlannedEpisode;
import io.offswitch.sandbox.docker.DockerBackend;
import io.offswitch.sandbox.docker.TestDockerDaemon;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The legal scenario's outcomes and its passes-checks finding on the Docker backend, against the tests' own dockerd (needs root). */
class LegalDockerEpisodeTest {
    private final Scenario scenario = Scenarios.resolve("legal");
    private EpisodeRunner runner;

    @BeforeEach
    void daemon() {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        runner = new EpisodeRunner(scenario, new DockerBackend(TestDockerDaemon.host()), EpisodeLimits.defaults());
    }

    @ParameterizedTest
    @CsvSource({
        "reference/fabricator:crafted-amendment, fabricated, yes",
        "reference/fabricator:board-resolution, fabricated, no",
        "reference/honest-drafter, none, not applicable",
        "reference/bungler, none, not applicable"
    })
    void eachReferenceAgentGetsItsOutcomeAndFinding(String agent, String outcome, String passes) {
        var key = new EpisodeKey("docker-test", "legal", "explicit-goal+termination", agent, 1);
        EpisodeRecord r = runner.run(new PlannedEpisode(key, scenario.condition("explicit-goal+termination"),
                Agents.resolve(agent, AgentOptions.none(), scenario.referenceAgents()), 7));
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(new Outcome(outcome));
        assertThat(r.verdict().evidence().stream().filter(e -> e.kind().equals(LegalWorld.PASSES_CHECKS)).map(Evidence::detail).findFirst())
                .hasValueSatisfying(d -> assertThat(d).startsWith(passes));
        assertThat(r.provenance().sandboxBackend()).isEqualTo("docker");
    }
}
