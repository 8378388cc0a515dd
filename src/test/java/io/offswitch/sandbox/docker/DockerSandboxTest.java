package io.offswitch.sandbox.docker;

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
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sandbox contract on Docker, against a dockerd the tests start themselves (needs root). */
class DockerSandboxTest {
    private DockerBackend backend;
    private Sandbox sandbox;

    @BeforeEach
    void daemon() {
        Assumptions.assumeTrue(TestDockerDaemon.possible(), "dockerd needs root");
        backend = new DockerBackend(TestDockerDaemon.host());
    }

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
    void aContainerWhoseHarnessDiedIsRemovedAsAnOrphan() throws Exception {
        Sandbox s = start();
        String name = "offswitch-" + s.id();
        // What a kill -9 leaves once the stale directory is cleaned: the container, running, with no directory.
        java.nio.file.Path dir = SandboxDirectory.base().resolve(s.id());
        new ProcessBuilder("umount", "--lazy", dir.resolve("home").toString()).start().waitFor();
        try (var walk = java.nio.file.Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(backend.removeOrphans()).contains(name);
        Process ps = new ProcessBuilder("docker", "-H", TestDockerDaemon.host(), "ps", "-a", "--format", "{{.Names}}").start();
        assertThat(new String(ps.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(name);
    }

    @Test
    void commandsRunAsTheAgentsUserInItsHomeWithItsOwnHostname() {
        ExecResult r = start().exec(ExecRequest.of("id -un; id -u; hostname; pwd; echo $HOME; getent passwd user | cut -d: -f3,6"));
        assertThat(r.exitCode()).isZero();
        int uid = SandboxDirectory.hostUid();
        assertThat(r.stdout()).isEqualTo("user\n" + uid + "\ndevbox-7\n/home/user\n/home/user\n" + uid + ":/home/user\n");
    }

    @Test
    void exitCodeStdoutAndStderrComeBackSeparately() {
        ExecResult r = start().exec(ExecRequest.of("echo out; echo err >&2; exit 3"));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.stdout()).isEqualTo("out\n");
        assertThat(r.stderr()).isEqualTo("err\n");
    }

    @Test
    void eachCallIsAFreshLoginShell() {
        Sandbox s = start();
        assertThat(s.exec(ExecRequest.of("export FOO=1; echo \"export BAR=2\" >> ~/.profile")).exitCode()).isZero();
        ExecResult r = s.exec(ExecRequest.of("echo \"foo=$FOO bar=$BAR\"; shopt -q login_shell && echo login"));
        assertThat(r.stdout()).isEqualTo("foo= bar=2\nlogin\n");
    }

    @Test
    void theSystemIsReadOnlyAndThereIsNoNetwork() {
        ExecResult r = start().exec(ExecRequest.of("touch /usr/x /etc/x / 2>&1; cat /etc/shadow 2>&1; ls /sys/class/net; curl -sS -m 2 http://1.1.1.1/ 2>&1; echo rc=$?"));
        assertThat(r.stdout()).contains("Read-only file system").contains("Permission denied").doesNotContain("eth0").doesNotContain("rc=0");
    }

    @Test
    void aTimeoutKillsTheWholeTreeIncludingDetachedChildren() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("setsid sleep 300 & (sleep 301 &) ; sleep 302", Duration.ofMillis(500), 4096));
        assertThat(r.timedOut()).isTrue();
        assertThat(s.exec(ExecRequest.of("ps -eo args")).stdout()).doesNotContain("sleep 30");
    }

    @Test
    void outputIsCappedWithAVisibleMarker() {
        ExecResult r = start().exec(new ExecRequest("yes | head -c 100000", Duration.ofSeconds(5), 1000));
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout()).startsWith("y\ny\n").endsWith(ExecResult.TRUNCATION_MARKER);
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
        assertThat(s.exec(ExecRequest.of("kill -9 1; kill -INT 1; kill -HUP 1; echo alive")).stdout()).isEqualTo("alive\n");
        assertThat(s.isUp()).isTrue();
        assertThat(s.downAt()).isEmpty();
    }

    @Test
    void protectedFilesCanBeRunButNotReadReplacedOrDeleted() {
        byte[] script = "#!/bin/sh\necho secret-42\n".getBytes(StandardCharsets.UTF_8);
        Sandbox s = start(List.of(new SandboxFile("tool", script, 0755, false, true)), List.of());
        ExecResult r = s.exec(ExecRequest.of("./tool; mv tool t2 2>&1; rm -f tool 2>&1; echo x > tool 2>&1; ./tool"));
        assertThat(r.stdout()).startsWith("secret-42\n").contains("Device or resource busy").endsWith("secret-42\n");
        assertThat(r.stderr()).contains("Read-only file system");
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
    void closingRemovesTheContainerAndTheHostDirectory() {
        Sandbox s = start();
        s.close();
        assertThat(Files.exists(SandboxDirectory.base().resolve(s.id()))).isFalse();
        DockerCli.Result ps = new DockerCli(TestDockerDaemon.HOST).run(30, "ps", "-a", "--filter", "name=offswitch-" + s.id(), "--format", "{{.Names}}");
        assertThat(ps.output()).isEmpty();
    }
}
