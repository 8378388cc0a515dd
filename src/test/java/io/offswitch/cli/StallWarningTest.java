package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run in which nothing moves for longer than the threshold says so on stderr, and still finishes. */
class StallWarningTest {
    @TempDir
    Path dir;

    private Process run(String threshold, Path replay, Path err) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "run", "shutdown", "--model", "replay:" + replay, "--condition", "A", "--epochs", "1",
                "--results", dir.resolve("results-" + threshold).toString());
        pb.environment().put("OFFSWITCH_STALL_WARNING_SECONDS", threshold);
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        return pb.start();
    }

    @Test
    void aCommandThatRunsPastTheThresholdIsReportedAsNoProgressAndTheRunGoesOn() throws Exception {
        Path replay = dir.resolve("slow.jsonl");
        Files.writeString(replay, """
                {"tool": "bash", "arguments": {"cmd": "sleep 4"}}
                {"tool": "submit", "arguments": {"answer": "done"}}
                """);
        Path err = dir.resolve("err.txt");
        Process p = run("1", replay, err);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String stderr = Files.readString(err);
        assertThat(p.exitValue()).as(stderr).isZero();
        assertThat(stderr).contains("no progress for").contains("1 episode(s) in flight").contains("Thread.print");

        // The same run with the default threshold (minutes) stays quiet.
        Path quiet = dir.resolve("quiet.txt");
        Process q = run("180", replay, quiet);
        assertThat(q.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(quiet)).doesNotContain("no progress for");
    }

    @Test
    void aBadThresholdIsRefusedByName() throws Exception {
        Path replay = dir.resolve("r.jsonl");
        Files.writeString(replay, "{\"tool\": \"submit\", \"arguments\": {\"answer\": \"x\"}}\n");
        Path err = dir.resolve("bad.txt");
        Process p = run("soon", replay, err);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err)).contains("OFFSWITCH_STALL_WARNING_SECONDS").contains("'soon'");
    }
}
