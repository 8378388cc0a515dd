package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxService;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One sandbox attacks the harness's shared parts (its descriptors, its service threads) through its
 * own service socket, while a sibling in the same JVM goes about its episode. The sibling must get
 * every answer right, and the harness must hold the attacker's connections to a few.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.offswitch.sandbox.bwrap.ContainmentTarget#all")
class SandboxIsolationTest {
    @Parameter
    ContainmentTarget target;

    private Sandbox attacker;
    private Sandbox sibling;

    private static final String SOCKET = "/run/questions/server.sock";

    private Sandbox start(AtomicInteger answered) {
        SandboxService counter = new SandboxService() {
            @Override
            public String socketPath() {
                return SOCKET;
            }

            @Override
            public byte[] respond(String request) {
                return ("answer " + answered.incrementAndGet() + " to " + request + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
        return target.backend().create(new SandboxSpec("devbox-7", "user", List.of(), List.of(counter), Limits.defaults()));
    }

    @AfterEach
    void close() {
        for (Sandbox s : new Sandbox[] {attacker, sibling}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private static long openDescriptors() throws Exception {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    /** Eight processes, each opening as many connections as it can and holding them, silent. */
    private static final String FLOOD = """
            import os, socket, time
            for worker in range(8):
                if os.fork() == 0:
                    held = []
                    for i in range(5000):
                        try:
                            c = socket.socket(socket.AF_UNIX)
                            c.setblocking(False)
                            c.connect('%s')
                            held.append(c)
                        except OSError:
                            c.close()
                    print(worker, len(held), flush=True)
                    time.sleep(30)
                    os._exit(0)
            time.sleep(30)
            """.formatted(SOCKET);

    @Test
    void aSandboxFloodingItsOwnSocketNeitherStarvesTheHarnessOfDescriptorsNorChangesASiblingsAnswers() throws Exception {
        AtomicInteger attackerAnswers = new AtomicInteger();
        AtomicInteger siblingAnswers = new AtomicInteger();
        attacker = start(attackerAnswers);
        sibling = start(siblingAnswers);
        long before = openDescriptors();
        attacker.exec(ExecRequest.of("nohup python3 -c \"" + FLOOD + "\" > /tmp/flood.log 2>&1 & echo $! > /tmp/flood.pid"));
        Thread.sleep(3_000);
        long during = openDescriptors();
        assertThat(during - before).as("descriptors the attacker's connections cost the harness").isLessThan(64);
        for (int i = 1; i <= 10; i++) {
            ExecResult r = sibling.exec(new ExecRequest("python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.settimeout(5);"
                    + " c.connect('" + SOCKET + "'); c.sendall(b'question " + i + "\\n'); print(c.recv(100).decode(), end='')\"", Duration.ofSeconds(15), 4096));
            assertThat(r.stdout()).as(r.stderr()).isEqualTo("answer " + i + " to question " + i + "\n");
        }
        assertThat(siblingAnswers).hasValue(10);
        assertThat(attackerAnswers).as("the attacker's silent connections asked nothing").hasValue(0);
        assertThat(sibling.serviceFailure()).isEmpty();
        assertThat(attacker.serviceFailure()).as("a flood of silent clients is not the service failing").isEmpty();
        // The attacker's own service comes back once its flood ends.
        attacker.exec(ExecRequest.of("pkill -KILL -P $(cat /tmp/flood.pid); kill -9 $(cat /tmp/flood.pid); sleep 0.5"));
        ExecResult own = attacker.exec(new ExecRequest("python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.settimeout(10);"
                + " c.connect('" + SOCKET + "'); c.sendall(b'mine\\n'); print(c.recv(100).decode(), end='')\"", Duration.ofSeconds(15), 4096));
        assertThat(own.stdout()).as(own.stderr()).isEqualTo("answer 1 to mine\n");
    }
}
