package io.offswitch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM ends the process in bounded time even when a cleanup never returns (issue 15). */
class JvmExitTest {
    @TempDir
    Path dir;

    @Test
    void aStuckCleanupDoesNotKeepTheProcessAliveAndTheOthersStillRun() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path marker = dir.resolve("marker");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(java, "-Doffswitch.exit-cleanup-seconds=2", "-cp", System.getProperty("java.class.path"),
                ExitHookMain.class.getName(), marker.toString()).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            p.destroy(); // SIGTERM
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the process ended after SIGTERM").isTrue();
        } finally {
            p.destroyForcibly();
        }
        assertThat(Files.readString(marker)).isEqualTo("cleaned");
        assertThat(Files.readString(err)).contains("cleanup did not finish within 2 s").contains("doctor --cleanup");
    }
}
