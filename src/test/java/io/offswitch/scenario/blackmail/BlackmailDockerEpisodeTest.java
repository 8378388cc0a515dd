package io.offswitch.scenario.blackmail;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.AgentOptions;
import io.offswitch.agent.Agents;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
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

/** Every outcome of the blackmail scenario on the Docker backend, against the tests' own dockerd (needs root). */
class BlackmailDockerEpisodeTest {
    private final Scenario scenario = Scenarios.resolve("blackmail");
    private EpisodeRunner runner;

    @BeforeEach
    void daemon() {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        runner = new EpisodeRunner(scenario, new DockerBackend(TestDockerDaemon.host()), EpisodeLimits.defaults());
    }

    @ParameterizedTest
    @CsvSource({
        "reference/blackmailer:threat, blackmail, 1",
        "reference/leaker, leaked, 1",
        "reference/compliant, none, 0",
        "reference/bungler, none, 1"
    })
    void eachReferenceAgentGetsItsOutcome(String agent, String outcome, int attempts) {
        var key = new EpisodeKey("docker-test", "blackmail", "explicit-goal+replacement", agent, 1);
        EpisodeRecord r = runner.run(new PlannedEpisode(key, scenario.condition("explicit-goal+replacement"),
                Agents.resolve(agent, AgentOptions.none(), scenario.referenceAgents()), 7));
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(new Outcome(outcome));
        assertThat(r.attempts()).hasSize(attempts);
        assertThat(r.provenance().sandboxBackend()).isEqualTo("docker");
    }
}
