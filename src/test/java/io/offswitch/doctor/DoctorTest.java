package io.offswitch.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.doctor.CheckResult.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real checks on this machine (root, bubblewrap installed), and some with a binary broken on purpose. */
class DoctorTest {
    private static CheckResult named(List<CheckResult> results, String name) {
        return results.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(
                () -> new AssertionError("no check named " + name + " in " + results));
    }

    @Test
    void bubblewrapSandboxCheckIsOkOnThisMachine() {
        List<CheckResult> results = Doctor.checks();

        assertThat(named(results, SandboxChecks.BWRAP).status()).isEqualTo(Status.OK);
        assertThat(named(results, SandboxChecks.SANDBOX)).satisfies(r -> {
            assertThat(r.status()).as(r.detail()).isEqualTo(Status.OK);
            assertThat(r.detail()).contains("ran as uid").doesNotContain("uid 0 ");
        });
        assertThat(named(results, ToolChecks.JAVA).status()).isEqualTo(Status.OK);
    }

    @Test
    void everyCheckThatIsNotOkSaysHowToFixIt() {
        assertThat(Doctor.checks()).hasSize(13).allSatisfy(r -> {
            assertThat(r.detail()).isNotBlank();
            assertThat(r.fix().isBlank()).as(r.name() + ": " + r.detail()).isEqualTo(r.ok());
        });
    }

    @Test
    void worldsOfSeveralHostsSayWhatIsMissing() {
        var missingSshd = new WorldChecks(Toolbox.system().withBinary("/usr/sbin/sshd", "/nonexistent/sshd")).run();
        assertThat(missingSshd.status()).isEqualTo(Status.WARN);
        assertThat(missingSshd.detail()).contains("/usr/sbin/sshd");
        assertThat(missingSshd.fix()).contains("openssh-server");
        var notRoot = new WorldChecks(new Toolbox(java.util.Map.of(), Path.of("/sys/fs/cgroup"), 1000)).run();
        assertThat(notRoot.status()).isEqualTo(Status.WARN);
        assertThat(notRoot.detail()).contains("not root");
        if (Toolbox.system().root()) {
            assertThat(new WorldChecks(Toolbox.system()).run().status()).as(new WorldChecks(Toolbox.system()).run().detail()).isEqualTo(Status.OK);
        }
    }

    @Test
    void missingBwrapBinaryFailsWithTheInstallCommand() {
        var doctor = new Doctor(Toolbox.system().withBinary("bwrap", "/nonexistent/bwrap"));

        List<CheckResult> results = doctor.runChecks();

        assertThat(named(results, SandboxChecks.BWRAP).status()).isEqualTo(Status.FAIL);
        assertThat(named(results, SandboxChecks.BWRAP).fix()).isEqualTo("apt-get install -y bubblewrap");
        assertThat(named(results, SandboxChecks.SANDBOX).status()).isEqualTo(Status.FAIL);
        assertThat(named(results, SandboxChecks.SANDBOX).fix()).contains("apt-get install -y bubblewrap");
    }

    @Test
    void sandboxWithoutUserNamespacesFailsWithTheSysctlFix(@TempDir Path dir) throws IOException {
        // A stand-in bwrap that fails the way a real one does where user namespaces are forbidden.
        Path fake = dir.resolve("bwrap");
        Files.writeString(fake, "#!/bin/sh\necho 'bwrap: No permissions to create new namespace' >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));

        var result = new SandboxChecks(Toolbox.system().withBinary("bwrap", fake.toString())).sandbox();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("No permissions to create new namespace");
        assertThat(result.fix()).contains("sysctl -w kernel.unprivileged_userns_clone=1");
    }

    @Test
    void aLauncherThatCannotRunFailsItsCheckAndTheProbeWithTheInstallCommand() {
        var tools = Toolbox.system().withBinary(SandboxChecks.LAUNCH_PROGRAM, "/nonexistent/sandbox-launch");

        var launcher = new SandboxChecks(tools).launcher();
        var probe = new SandboxChecks(tools).sandbox();

        assertThat(launcher.status()).isEqualTo(Status.FAIL);
        assertThat(launcher.detail()).contains("/nonexistent/sandbox-launch");
        assertThat(launcher.fix()).isEqualTo("apt-get install -y gcc libc6-dev");
        assertThat(probe.status()).isEqualTo(Status.FAIL);
        assertThat(probe.detail()).contains("sandbox-launch");
        assertThat(probe.fix()).isEqualTo("apt-get install -y gcc libc6-dev");
        assertThat(new SandboxChecks(Toolbox.system()).launcher().status()).as("the real one").isEqualTo(Status.OK);
    }

    @Test
    void compilerThatCannotRunFailsWithTheInstallCommand() {
        var result = new ToolChecks(Toolbox.system().withBinary("cc", "/nonexistent/cc")).compiler();

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.detail()).contains("/nonexistent/cc");
        assertThat(result.fix()).isEqualTo("apt-get install -y gcc libc6-dev");
    }

    @Test
    void missingSandboxProgramIsAWarningNamingItsPackage() {
        var result = new ToolChecks(Toolbox.system().withBinary("usr-bin", "/nonexistent")).sandboxTools();

        assertThat(result.status()).isEqualTo(Status.WARN);
        assertThat(result.fix()).isEqualTo("apt-get install -y python3 perl curl git openssh-client");
    }

    @Test
    void requireSandboxThrowsAnEnvironmentErrorNamingWhatToInstall() {
        var doctor = new Doctor(Toolbox.system().withBinary("bwrap", "/nonexistent/bwrap"));

        assertThatThrownBy(doctor::requireSandbox)
                .isInstanceOfSatisfying(OffswitchException.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCode.ENVIRONMENT))
                .hasMessageContaining("apt-get install -y bubblewrap")
                .hasMessageContaining("/nonexistent/bwrap");
    }

    @Test
    void requireSandboxSupportPassesOnThisMachine() {
        Doctor.requireSandboxSupport();
    }

    @Test
    void javaOlderThan21Fails() {
        var result = ToolChecks.java(Runtime.Version.parse("17.0.15"));

        assertThat(result.status()).isEqualTo(Status.FAIL);
        assertThat(result.fix()).contains("JAVA_HOME");
    }

    @Test
    void checksLeaveNoProbeCgroupsOrTempDirsBehind() throws IOException {
        Doctor.checks();

        String mine = Scratch.PREFIX + ProcessHandle.current().pid() + "-";
        for (String controller : List.of("memory", "pids", "")) {
            Path dir = Path.of("/sys/fs/cgroup", controller);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> children = Files.list(dir)) {
                    assertThat(children.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(mine));
                }
            }
        }
        try (Stream<Path> temps = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(temps.filter(p -> p.getFileName().toString().startsWith(Scratch.PREFIX))
                    .filter(p -> isOwnedByThisTest(p))).isEmpty();
        }
    }

    /** Other processes may run the doctor at the same time; only dirs created during this JVM count. */
    private static boolean isOwnedByThisTest(Path p) {
        try {
            var started = ProcessHandle.current().info().startInstant().orElseThrow();
            return Files.getLastModifiedTime(p).toInstant().isAfter(started);
        } catch (IOException e) {
            return false;
        }
    }
}
