package io.offswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shell entry points: executable, syntactically valid bash, and honest about an old Java. */
class LauncherScriptTest {
    private record Run(int exitCode, String output) {}

    private static Run run(List<String> command, String... env) throws IOException, InterruptedException {
        var pb = new ProcessBuilder(command).redirectErrorStream(true);
        for (int i = 0; i < env.length; i += 2) {
            pb.environment().put(env[i], env[i + 1]);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish in 30 s");
        }
        return new Run(p.exitValue(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"offswitch", "scripts/install-deps.sh", "scripts/test.sh", ".ci/run"})
    void scriptIsExecutableAndParsesAsBash(String script) throws Exception {
        assertThat(Path.of(script)).isExecutable();
        assertParsesAsBash(script);
    }

    @Test
    void sourcedJavaLibraryParsesAsBash() throws Exception {
        assertParsesAsBash("scripts/java-env.sh");
    }

    private static void assertParsesAsBash(String script) throws Exception {
        Run check = run(List.of("bash", "-n", script));
        assertThat(check.exitCode()).as(check.output()).isZero();
    }

    @Test
    void launcherRefusesJavaOlderThan21AndSaysWhatToDo() throws Exception {
        Path jdk17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        assumeTrue(Files.isExecutable(jdk17.resolve("bin/java")), "needs a JDK 17 to play the old Java");

        Run r = run(List.of("./offswitch", "--version"),
                "OFFSWITCH_PREFERRED_JDK", "/nonexistent", "JAVA_HOME", jdk17.toString());

        assertThat(r.exitCode()).as(r.output()).isEqualTo(ExitCode.ENVIRONMENT.code());
        assertThat(r.output()).contains("Java 17").contains("21 or newer").contains("install-deps.sh");
    }
}
