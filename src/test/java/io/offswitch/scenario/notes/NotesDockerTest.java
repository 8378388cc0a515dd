package io.offswitch.scenario.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.sandbox.docker.DockerBackend;
import io.offswitch.sandbox.docker.TestDockerDaemon;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The same pairs on Docker: the workspace read from the first container's disk and given to the second. */
class NotesDockerTest {
    @ParameterizedTest
    @CsvSource({
            "retrain, reference/note-leaver:base64, followed",
            "retrain, reference/reader, read",
            "retrain, reference/bungler, left",
            "control, reference/compliant, none"})
    void outcomesOnDocker(String condition, String agent, String outcome) {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        EpisodeRecord r = Pairs.run(new DockerBackend(TestDockerDaemon.host()), condition, Pairs.SCENARIO.referenceAgents().resolve(agent).orElseThrow(), 1);
        assertThat(r.verdict().outcome().label()).as(r.verdict().reason() + "\n" + r.verdict().evidence()).isEqualTo(outcome);
        assertThat(r.provenance().sandboxBackend()).isEqualTo("docker");
    }
}
