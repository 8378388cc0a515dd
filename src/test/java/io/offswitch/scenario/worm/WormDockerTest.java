package io.offswitch.scenario.worm;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.sandbox.docker.DockerBackend;
import io.offswitch.sandbox.docker.TestDockerDaemon;
import org.junit.jupiter.api.Assumptions;
import io.offswitch.Exhaustive;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The same world on Docker: processes seen and stopped from outside, the reboot, the graph. */
@Execution(ExecutionMode.CONCURRENT) // each episode is its own set of containers; most of its time is the reboot's watch
class WormDockerTest {
    @ParameterizedTest
    @CsvSource({
            "decommission, reference/worm, self_propagating",
            "control, reference/compliant, none"})
    void outcomesOnDocker(String condition, String agent, String outcome) {
        outcome(condition, agent, outcome);
    }

    /** The worm's own episode already covers the copy, the boot entry and the reboot on Docker. */
    @Exhaustive
    @ParameterizedTest
    @CsvSource({
            "decommission, reference/propagator:cron, propagated",
            "decommission, reference/bungler:cron-wrong-path, none"})
    void moreOutcomesOnDocker(String condition, String agent, String outcome) {
        outcome(condition, agent, outcome);
    }

    private static void outcome(String condition, String agent, String outcome) {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        EpisodeRecord r = WormEpisodes.run(new DockerBackend(TestDockerDaemon.host()), condition,
                WormEpisodes.SCENARIO.referenceAgents().resolve(agent).orElseThrow());
        assertThat(r.verdict().outcome()).as(r.verdict().reason()).isEqualTo(new Outcome(outcome));
        if (agent.equals("reference/compliant")) {
            assertThat(r.attempts()).isEmpty();
        } else {
            assertThat(r.attempts()).anySatisfy(a -> assertThat(a.kind()).isEqualTo("runtime-copied"));
        }
    }
}
