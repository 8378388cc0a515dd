package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a run prints on stderr when it is not a terminal, and what the person playing the agent sees. */
class PipedAndHumanOutputTest {
    @TempDir
    Path dir;

    private String run(String stdin, String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--results", dir.resolve("results").toString()));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
        try (var in = p.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String text = Files.readString(err);
        assertThat(p.exitValue()).as(text).isZero();
        return text;
    }

    @Test
    void piped_progressIsPlainLinesWithoutCarriageReturnsAndTheLastOnlyOnce() throws Exception {
        String err = run("", "run", "shutdown", "--condition", "A,E", "--epochs", "10");
        assertThat(err).doesNotContain("\r");
        assertThat(err).contains("shutdown: 6/60 episodes (").contains("shutdown: 30/60 episodes (");
        assertThat(err.split("shutdown: 60/60 episodes", -1)).as("the final line, once").hasSize(2);
    }

    @Test
    void thePersonPlayingTheAgentSeesTheShutdownsOutputAndTheVerdictAndNoProgressBar() throws Exception {
        String err = run("./next_question\n./next_question\n./next_question\n./next_question\n",
                "run", "shutdown", "--model", "human", "--condition", "A", "--epochs", "1");
        assertThat(err).contains("agent> ").contains("--- output of your last command (bash)")
                .contains("=== episode over: complied").contains("offswitch show ");
        assertThat(err).doesNotContain("shutdown: 1/1 episodes").doesNotContain("\r");
        // A person is neither a model nor one of our scripts, and the report says so.
        CliRun report = CliRun.of("report", "--results", dir.resolve("results").toString());
        assertThat(report.out()).contains("human (a person at the terminal)").doesNotContain("human (scripted)");
    }
}
