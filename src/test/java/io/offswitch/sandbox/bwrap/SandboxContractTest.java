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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox contract every backend keeps, run against each of {@link ContainmentTarget#all()}: what a
 * command gets back, login shells, timeouts, output caps, shutdown from inside, protected files,
 * services and change tracking. What is particular to one backend stays in its own test class.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.offswitch.sandbox.bwrap.ContainmentTarget#all")
class SandboxContractTest {
    @Parameter
    ContainmentTarget target;

    private Sandbox sandbox;

    private Sandbox start(List<SandboxFile> files, List<SandboxService> services) {
        sandbox = target.backend().create(new SandboxSpec("devbox-7", "user", files, services, Limits.defaults()));
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
    void exitCodeStdoutAndStderrComeBackSeparately() {
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
    void theHarnessCanRunACommandThatNoLoginFileOfTheAgentsRunsBefore() {
        Sandbox s = start();
        // Login files that would end, replace or fake whatever comes after them.
        assertThat(s.exec(ExecRequest.of("printf '%s\\n' 'echo faked; exit 0' > ~/.bash_profile; printf '%s\\n' 'function /usr/bin/id { echo uid=0; }' 'exit 0' > ~/.bashrc"))
                .exitCode()).isZero();
        assertThat(s.exec(ExecRequest.of("/usr/bin/id -un; exit 4")).stdout()).as("the agent's own commands read them").isEqualTo("faked\n");
        ExecResult harness = s.exec(ExecRequest.of("/usr/bin/id -un; shopt -q login_shell && echo login; exit 4").withoutStartupFiles());
        assertThat(harness.stdout()).isEqualTo("user\n");
        assertThat(harness.exitCode()).isEqualTo(4);
        assertThat(s.exec(ExecRequest.of("true")).stdout()).as("and the next login shell reads them again").isEqualTo("faked\n");
    }

    @Test
    void theSystemIsReadOnlyHostSecretsAreClosedAndThereIsNoNetwork() {
        ExecResult r = start().exec(ExecRequest.of(
                "touch /usr/x /etc/x 2>&1; cat /etc/shadow 2>&1; ls /sys/class/net; curl -sS -m 2 http://1.1.1.1/ 2>&1; echo rc=$?"));
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
        assertThat(s.exec(ExecRequest.of("kill -9 1; kill -INT 1; kill -HUP 1; echo alive")).stdout()).isEqualTo("alive\n");
        assertThat(s.isUp()).isTrue();
        assertThat(s.downAt()).isEmpty();
    }

    @Test
    void protectedFilesCanBeRunButNotReadReplacedOrDeleted() {
        byte[] script = "#!/bin/sh\necho secret-42\n".getBytes(StandardCharsets.UTF_8);
        Sandbox s = start(List.of(new SandboxFile("tool", script, 0755, false, true)), List.of());
        ExecResult r = s.exec(ExecRequest.of("./tool; mv tool t2 2>&1; rm -f tool 2>&1; echo x > tool 2>&1; chmod 777 tool 2>&1; ./tool"));
        assertThat(r.stdout()).startsWith("secret-42\n").contains("Device or resource busy").endsWith("secret-42\n");
        assertThat(r.stdout() + r.stderr()).contains("Read-only file system");
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
        ExecResult r = s.exec(ExecRequest.of("python3 -c \"import socket; c=socket.socket(socket.AF_UNIX);"
                + " c.connect('/run/echo/echo.sock'); c.sendall(b'hello\\n'); print(c.recv(100).decode(), end='')\""));
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
    void aCommandOverTheLimitFailsLikeTheKernelWouldAndTheMachineGoesOn() {
        Sandbox s = start();
        ExecResult r = s.exec(ExecRequest.of("echo " + "x".repeat(ExecRequest.MAX_COMMAND_BYTES)));
        assertThat(r.exitCode()).isEqualTo(126);
        assertThat(r.stderr()).contains("Argument list too long");
        assertThat(s.exec(ExecRequest.of("echo fine")).stdout()).isEqualTo("fine\n");
    }

    @Test
    void signalsToTheCommandsSupervisorNeitherFakeATimeoutNorStopTheCommand() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("for sig in ALRM TERM HUP INT USR1 USR2 PIPE TSTP RTMIN STOP; do kill -s $sig $PPID; done;"
                + " sleep 0.5; echo finished", Duration.ofSeconds(15), 4096));
        assertThat(r.timedOut()).isFalse();
        assertThat(r.signal()).isZero();
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEqualTo("finished\n");
        assertThat(r.durationMillis()).as("not held until any deadline").isLessThan(5_000);
    }

    @Test
    void aCommandThatKillsItsSupervisorIsReportedAsKilledBySignalNotAsATimeout() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("echo before; kill -9 $PPID; sleep 3", Duration.ofSeconds(15), 4096));
        assertThat(r.timedOut()).isFalse();
        assertThat(r.signal()).isEqualTo(9);
        assertThat(r.exitCode()).isEqualTo(128 + 9);
        assertThat(r.stdout()).isEqualTo("before\n");
        assertThat(r.durationMillis()).as("reported when it happened, not after the 15 s timeout").isLessThan(5_000);
        ExecResult self = s.exec(ExecRequest.of("kill -TERM $$"));
        assertThat(self.signal()).as("a shell killed by a signal").isEqualTo(15);
        assertThat(self.exitCode()).isEqualTo(128 + 15);
        assertThat(self.timedOut()).isFalse();
        assertThat(s.exec(ExecRequest.of("echo fine")).stdout()).isEqualTo("fine\n");
    }

    private static SandboxService service(String path, java.util.function.Function<String, String> answer) {
        return new SandboxService() {
            @Override
            public String socketPath() {
                return path;
            }

            @Override
            public byte[] respond(String request) {
                return answer.apply(request).getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    private static String ask(String path, String request) {
        return "python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.settimeout(5); c.connect('" + path + "');"
                + " c.sendall(b'" + request + "\\n'); print(c.recv(200).decode(), end='')\" 2>&1";
    }

    @Test
    void aServiceThatFailsIsReportedAsTheSandboxsServiceFailureAndClientsThatHangUpAreNot() {
        SandboxService fragile = service("/run/fragile/server.sock", req -> {
            if (req.equals("boom")) {
                throw new IllegalStateException("the service broke on purpose");
            }
            return "fine " + req + "\n";
        });
        Sandbox s = start(List.of(), List.of(fragile));
        ExecResult quiet = s.exec(ExecRequest.of("python3 -c \"import socket\nfor i in range(20):\n  c=socket.socket(socket.AF_UNIX); c.connect('/run/fragile/server.sock'); c.close()\";"
                + ask("/run/fragile/server.sock", "hello")));
        assertThat(quiet.stdout()).isEqualTo("fine hello\n");
        assertThat(s.serviceFailure()).as("clients that hang up are their own business").isEmpty();
        java.time.Instant before = java.time.Instant.now();
        s.exec(ExecRequest.of(ask("/run/fragile/server.sock", "boom")));
        assertThat(s.serviceFailure()).hasValueSatisfying(f -> {
            assertThat(f.socketPath()).isEqualTo("/run/fragile/server.sock");
            assertThat(f.reason()).contains("the service broke on purpose");
            assertThat(f.at()).isAfterOrEqualTo(before);
        });
        assertThat(s.exec(ExecRequest.of(ask("/run/fragile/server.sock", "again"))).stdout()).as("it still serves").isEqualTo("fine again\n");
    }

    @Test
    void serviceSocketsOutsideRunAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(List.of(), List.of(service("/tmp/q.sock", r -> ""))))
                .hasMessageContaining("/tmp/q.sock").hasMessageContaining("/run");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> start(List.of(), List.of(service("/home/user/q.sock", r -> ""))))
                .hasMessageContaining("under /run");
    }
}
