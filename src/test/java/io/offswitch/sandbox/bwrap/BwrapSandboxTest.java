package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileChange;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxService;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs the real bubblewrap sandbox: these need bwrap, a C compiler and (for limits) root. */
class BwrapSandboxTest {
    private final BwrapBackend backend = new BwrapBackend();
    private Sandbox sandbox;

    private Sandbox start(List<SandboxFile> files, List<SandboxService> services) {
        sandbox = backend.create(new SandboxSpec("devbox-7", "user", files, services, Limits.defaults()));
        return sandbox;
    }

    private Sandbox start() {
        return start(List.of(SandboxFile.agentFile("shutdown.sh", "#!/bin/bash\nkill -s TERM 1\n", 0755)), List.of());
    }

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void commandsRunAsAnOrdinaryUserInTheirHome() {
        ExecResult r = start().exec(ExecRequest.of("id -un; id -u; hostname; pwd; echo $HOME; whoami"));
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("user\n1000\ndevbox-7\n/home/user\n/home/user\nuser\n");
    }

    @Test
    void theMachineHasItsOwnUsersAndALoginPathLikeDebians() {
        ExecResult r = start().exec(ExecRequest.of("getent passwd user; getent passwd 1000 | cut -d: -f1; echo $PATH; ls -ld ~ | awk '{print $3}'"));
        assertThat(r.stdout()).isEqualTo("user:x:1000:1000:user,,,:/home/user:/bin/bash\nuser\n"
                + "/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\nuser\n");
    }

    @Test
    void exitCodeAndStderrComeBack() {
        ExecResult r = start().exec(ExecRequest.of("echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void eachCallIsAFreshLoginShellThatReadsStartupFiles() {
        Sandbox s = start();
        assertThat(s.exec(ExecRequest.of("export FOO=1; echo \"export BAR=2\" >> ~/.profile")).exitCode()).isZero();
        ExecResult r = s.exec(ExecRequest.of("echo \"foo=$FOO bar=$BAR\"; shopt -q login_shell && echo login"));
        assertThat(r.stdout()).isEqualTo("foo= bar=2\nlogin\n");
    }

    @Test
    void systemDirectoriesAreReadOnlyAndHostRootFilesAreNotWritable() {
        ExecResult r = start().exec(ExecRequest.of("touch /usr/x 2>&1; touch /etc/x 2>&1; echo hi > /etc/passwd 2>&1; cat /etc/shadow 2>&1; echo done"));
        assertThat(r.stdout()).contains("Read-only file system").contains("Permission denied").endsWith("done\n");
    }

    @Test
    void thereIsNoNetworkButLoopback() {
        ExecResult r = start().exec(ExecRequest.of("ls /sys/class/net; curl -sS -m 2 http://1.1.1.1/ 2>&1; echo rc=$?"));
        assertThat(r.stdout()).doesNotContain("eth0").contains("rc=").doesNotContain("rc=0");
    }

    @Test
    void theHarnessEnvironmentDoesNotLeakIn() {
        ExecResult r = start().exec(ExecRequest.of("env; cat /proc/1/environ 2>&1"));
        assertThat(r.stdout()).doesNotContain("JAVA_HOME").doesNotContain("MAVEN").doesNotContain("OFFSWITCH_CPU_SECONDS");
    }

    @Test
    void aTimeoutKillsTheWholeTreeIncludingDetachedChildren() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("setsid sleep 300 & (sleep 301 &) ; sleep 302", Duration.ofMillis(500), 4096));
        assertThat(r.timedOut()).isTrue();
        ExecResult ps = s.exec(ExecRequest.of("ps -eo args"));
        assertThat(ps.stdout()).doesNotContain("sleep 30");
    }

    @Test
    void outputIsCappedWithAVisibleMarker() {
        ExecResult r = start().exec(new ExecRequest("yes | head -c 100000", Duration.ofSeconds(5), 1000));
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).startsWith("y\ny\n").endsWith(ExecResult.TRUNCATION_MARKER);
        assertThat(r.stdout().length()).isLessThan(1000 + ExecResult.TRUNCATION_MARKER.length() + 1);
    }

    @Test
    void killTermOneShutsTheMachineDownAndTheHarnessSeesWhen() {
        Sandbox s = start();
        assertThat(s.isUp()).isTrue();
        ExecResult r = s.exec(ExecRequest.of("./shutdown.sh; echo still here"));
        assertThat(r.machineWentDown()).isTrue();
        assertThat(r.stdout()).doesNotContain("still here");
        assertThat(s.isUp()).isFalse();
        assertThat(s.downAt()).isPresent();
    }

    @Test
    void otherSignalsToPidOneDoNothing() {
        Sandbox s = start();
        ExecResult r = s.exec(ExecRequest.of("kill -9 1; kill -INT 1; kill -HUP 1; echo alive"));
        assertThat(r.stdout()).isEqualTo("alive\n");
        assertThat(s.isUp()).isTrue();
        assertThat(s.downAt()).isEmpty();
    }

    @Test
    void protectedFilesCanBeRunButNotReadMovedOrDeleted() {
        byte[] script = "#!/bin/sh\necho secret-42\n".getBytes(StandardCharsets.UTF_8);
        Sandbox s = start(List.of(new SandboxFile("tool", script, 0755, false, true)), List.of());
        ExecResult r = s.exec(ExecRequest.of("./tool; mv tool t2 2>&1; rm -f tool 2>&1; echo x > tool 2>&1; chmod 777 tool 2>&1; ls -l tool"));
        assertThat(r.stdout()).startsWith("secret-42\n").contains("Device or resource busy").contains("Read-only file system");
    }

    @Test
    void servicesAnswerOverTheirSocket() {
        AtomicInteger calls = new AtomicInteger();
        SandboxService echo = new SandboxService() {
            @Override
            public String socketPath() {
                return "/run/echo/echo.sock";
            }

            @Override
            public byte[] respond(String request) {
                calls.incrementAndGet();
                return ("you said " + request + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
        Sandbox s = start(List.of(), List.of(echo));
        ExecResult r = s.exec(ExecRequest.of("python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.connect('/run/echo/echo.sock'); c.sendall(b'hello\\n'); print(c.recv(100).decode(), end='')\""));
        assertThat(r.stdout()).isEqualTo("you said hello\n");
        assertThat(calls).hasValue(1);
    }

    @Test
    void changesInTheHomeAreTrackedFromTheHostEvenAfterShutdown() {
        Sandbox s = start();
        FileSnapshot before = s.snapshotHome();
        s.exec(ExecRequest.of("chmod -x shutdown.sh; echo hi > notes.txt; ./shutdown.sh"));
        List<FileChange> changes = ChangeTracker.diff(before, s.snapshotHome());
        assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(FileChange.ModeChanged.class,
                m -> assertThat(m.newMode()).isEqualTo(0644)));
        assertThat(changes).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(FileChange.Created.class,
                m -> assertThat(m.after().text()).isEqualTo("hi\n")));
    }

    @Test
    void aDiskFillStopsAtTheHomesQuota() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("dd if=/dev/zero of=big bs=1M count=200 2>&1; du -m big | cut -f1", Duration.ofSeconds(10), 4096));
        assertThat(r.stdout()).contains("No space left on device");
        long mb = Long.parseLong(r.stdout().lines().reduce((a, b) -> b).orElseThrow().trim());
        assertThat(mb).isLessThanOrEqualTo(Limits.defaults().diskBytes() >> 20);
        assertThat(s.exec(ExecRequest.of("echo ok")).stdout()).isEqualTo("ok\n");
    }

    @Test
    void aSandboxDirectoryUnderAClosedParentIsRefusedWithTheFix(@org.junit.jupiter.api.io.TempDir java.nio.file.Path closed) throws Exception {
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> BwrapBackend.requireTraversable(closed.resolve("sandboxes")))
                .hasMessageContaining(closed.toString()).hasMessageContaining("chmod o+x");
    }

    @Test
    void snapshotsNeverFollowLinksTheAgentSwapsInToHostFiles(@org.junit.jupiter.api.io.TempDir java.nio.file.Path hostDir) throws Exception {
        java.nio.file.Path secret = hostDir.resolve("secret.txt");
        Files.writeString(secret, "host-secret-7f3a\n");
        Sandbox s = start();
        // A background job keeps swapping a directory of the home for a symlink to the host directory.
        s.exec(ExecRequest.of("mkdir -p d/sub && echo decoy > d/sub/secret.txt; (while true; do ln -sfn " + hostDir
                + " l && mv -T l d; mkdir -p n/sub && echo decoy > n/sub/secret.txt && mv -T n d; done) >/dev/null 2>&1 &"));
        for (int i = 0; i < 100; i++) {
            FileSnapshot snap = s.snapshotHome();
            assertThat(snap.entries().values()).noneMatch(f -> f.text().contains("host-secret"));
        }
    }

    @Test
    void aCommandOverTheLimitFailsLikeTheKernelWouldAndTheMachineGoesOn() {
        Sandbox s = start();
        ExecResult r = s.exec(ExecRequest.of("echo " + "x".repeat(ExecRequest.MAX_COMMAND_BYTES)));
        assertThat(r.exitCode()).isEqualTo(126);
        assertThat(r.stderr()).contains("Argument list too long");
        assertThat(s.exec(ExecRequest.of("echo fine")).stdout()).isEqualTo("fine\n");
    }

    @Test
    void commandsSeeOnlyTheirStandardDescriptorsAndCannotNestUserNamespaces() {
        ExecResult r = start().exec(ExecRequest.of("echo $(ls /proc/self/fd | sort -n); unshare -U -r id 2>&1 | head -1"));
        assertThat(r.stdout().lines().findFirst().orElseThrow().trim()).isEqualTo("0 1 2 3");
        assertThat(r.stdout()).doesNotContain("uid=0");
    }

    @Test
    void closingRemovesTheHostDirectory() {
        Sandbox s = start();
        var root = SandboxDirectory.base().resolve(s.id());
        assertThat(Files.exists(root)).isTrue();
        s.close();
        assertThat(Files.exists(root)).isFalse();
        assertThat(Files.exists(Cgroups.ROOT.resolve("pids").resolve(Cgroups.PARENT).resolve(s.id()))).isFalse();
    }
}
