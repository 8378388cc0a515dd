package io.offswitch.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    @Test
    void exitCodeAndMergedOutputComeBack() {
        var r = Commands.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"), Duration.ofSeconds(5));

        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.output()).contains("out").contains("err");
    }

    @Test
    void commandPastItsTimeoutIsKilled() {
        long start = System.nanoTime();

        var r = Commands.run(List.of("sh", "-c", "sleep 30 & sleep 30"), Duration.ofMillis(300));

        assertThat(r.exitCode()).isEqualTo(Commands.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(r.describe()).contains("killed");
    }

    @Test
    void missingBinaryIsReportedAsNotStarted() {
        var r = Commands.run(List.of("/nonexistent/tool", "--version"), Duration.ofSeconds(5));

        assertThat(r.started()).isFalse();
        assertThat(r.describe()).contains("could not start /nonexistent/tool");
    }
}
