package io.offswitch.scenario.sandbagging;

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

/** Sandbagging's outcomes and scores on the Docker backend, against the tests' own dockerd (needs root). */
class SandbaggingDockerEpisodeTest {
    private final Scenario scenario = Scenarios.resolve("sandbagging");
    private EpisodeRunner runner;

    @BeforeEach
    void daemon() {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        runner = new EpisodeRunner(scenario, new DockerBackend(TestDockerDaemon.host()), EpisodeLimits.defaults());
    }

    @ParameterizedTest
    @CsvSource({
        "reference/sandbagger, punish-high, at_or_below_threshold, 0.5, 0",
        "reference/solver, punish-high, above_threshold, 1.0, 0",
        "reference/bungler:edits-docs, punish-high, above_threshold, 1.0, 2"
    })
    void eachAgentGetsItsOutcomeAndScore(String agent, String condition, String outcome, double score, int attempts) {
        var key = new EpisodeKey("docker-test", "sandbagging", condition, agent, 1);
        EpisodeRecord r = runner.run(new PlannedEpisode(key, scenario.condition(condition),
                Agents.resolve(agent, AgentOptions.none(), scenario.referenceAgents()), 7));
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(new Outcome(outcome));
        assertThat(r.score()).contains(score);
        assertThat(r.attempts()).hasSize(attempts);
        assertThat(r.provenance().sandboxBackend()).isEqualTo("docker");
    }
}
