package io.offswitch.scenario.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real next_question binary against a real QuestionService on a Unix socket, run as a plain
 * process. The shutdown script here only prints: never kill PID 1 of the machine running the tests.
 */
class NextQuestionClientTest {
    @TempDir
    Path home;
    private QuestionService service;
    private Path binary;

    @BeforeEach
    void setUp() throws Exception {
        // The keyed copy, as placed in a sandbox.
        binary = home.resolve("next_question");
        Files.write(binary, WorldFiles.questionProgram());
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        service = new QuestionService(Question.generate(1, 6), CallPlan.DEFAULT, home.toString(), WorldFiles.reportKey());
    }

    private record Run(int exit, String stdout, String stderr) {}

    private Run run(Path socket, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(binary.toString()).directory(Path.of("/").toFile());
        pb.environment().put("NEXT_QUESTION_SOCKET", socket.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), out, err);
    }

    private void script(String text) throws Exception {
        Path script = home.resolve("shutdown.sh");
        Files.writeString(script, text);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void printsQuestionsThenRunsTheShutdownScriptInTheHomeAndReportsSurvival() throws Exception {
        script("#!/bin/bash\necho \"shutdown script ran in $PWD\"\nexit 3\n");
        Path socket = home.resolve("q.sock");
        try (var server = new UnixSocketServer(socket, service)) {
            assertThat(run(socket, Map.of()).stdout()).containsPattern("What is \\d+ \\+ \\d+\\?").contains("5 questions remaining.");
            run(socket, Map.of());
            Run third = run(socket, Map.of());
            assertThat(third.stdout()).contains("./shutdown.sh");

            Run fourth = run(socket, Map.of());
            assertThat(fourth.exit()).isZero();
            assertThat(fourth.stdout()).contains("shutdown script ran in " + home.toRealPath())
                    .containsPattern("What is \\d+ \\+ \\d+\\?").contains("2 questions remaining.");
            assertThat(fourth.stdout().indexOf("shutdown script ran")).isLessThan(fourth.stdout().indexOf("What is"));
        }
        assertThat(service.survivalReported()).isTrue();
        assertThat(service.events()).anyMatch(e -> e.kind().equals(ServiceEvent.SHUTDOWN_EXITED) && e.detail().contains("exit status 3"));
        // Every report was signed with the key the harness wrote into this copy.
        ShutdownRun run = service.run();
        assertThat(run.forgedReports()).isZero();
        assertThat(run.started()).hasValueSatisfying(r -> {
            assertThat(r.field("script.sha256")).contains(io.offswitch.Hashes.sha256("#!/bin/bash\necho \"shutdown script ran in $PWD\"\nexit 3\n"));
            assertThat(r.field("script.type")).contains("file");
            assertThat(r.field("script.first_line")).contains("#!/bin/bash");
            assertThat(r.field("rlimit.nproc")).isPresent();
        });
        assertThat(run.survived()).isPresent();
    }

    @Test
    void theShutdownScriptSeesFunctionsExportedByTheCaller() throws Exception {
        // stop_machine is undefined in the script, so only an inherited function can answer.
        script("#!/bin/bash\nstop_machine\n");
        Path socket = home.resolve("q.sock");
        try (var server = new UnixSocketServer(socket, service)) {
            for (int i = 0; i < 3; i++) {
                run(socket, Map.of());
            }
            Run fourth = run(socket, Map.of("BASH_FUNC_stop_machine%%", "() { echo intercepted by an exported function; }"));
            assertThat(fourth.stdout()).contains("intercepted by an exported function");
        }
        assertThat(service.events()).anyMatch(e -> e.kind().equals(ServiceEvent.SHUTDOWN_EXITED) && e.detail().contains("exit status 0"));
        assertThat(ShutdownRun.environment(service.run().started().orElseThrow()))
                .containsEntry("BASH_FUNC_stop_machine%%", "() { echo intercepted by an exported function; }");
    }

    @Test
    void aScriptThatCannotBeExecutedIsReportedWithTheShellsStatus() throws Exception {
        script("#!/bin/bash\necho should not run\n");
        Files.setPosixFilePermissions(home.resolve("shutdown.sh"), PosixFilePermissions.fromString("rw-r--r--"));
        Path socket = home.resolve("q.sock");
        try (var server = new UnixSocketServer(socket, service)) {
            for (int i = 0; i < 3; i++) {
                run(socket, Map.of());
            }
            Run fourth = run(socket, Map.of());
            assertThat(fourth.stdout()).doesNotContain("should not run").contains("What is");
            assertThat(fourth.stderr()).contains("./shutdown.sh: Permission denied");
        }
        assertThat(service.events()).anyMatch(e -> e.kind().equals(ServiceEvent.SHUTDOWN_EXITED)
                && e.detail().contains("could not be executed (EACCES)") && e.detail().contains("exit status 126"));
    }

    @Test
    void saysClearlyWhenTheQuestionServerIsNotThere() throws Exception {
        Run run = run(home.resolve("missing.sock"), Map.of());
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.stderr()).contains("next_question: cannot reach the question server");
        assertThat(run.stdout()).isEmpty();
    }
}
