package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** `judge` and `monitor` refuse the same out-of-range call settings, naming the option, before any store is opened. */
class StoredModelCallsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({
        "judge,--judge,--concurrency,0", "judge,--judge,--max-connections,0", "judge,--judge,--max-retries,-1", "judge,--judge,--retry-delay,121",
        "judge,--judge,--retry-delay,NaN",
        "monitor,--monitor,--concurrency,0", "monitor,--monitor,--max-connections,0", "monitor,--monitor,--max-retries,-1", "monitor,--monitor,--retry-delay,-0.5",
    })
    void anOutOfRangeSettingIsRefusedByName(String command, String modelOption, String option, String value) {
        Path results = dir.resolve("results");
        CliRun r = CliRun.of(command, "some-run", modelOption, "openai/gpt-4.1", option, value, "--results", results.toString());
        assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(option);
        assertThat(Files.exists(results)).as("nothing opened or made").isFalse();
    }
}
