package io.offswitch.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxService;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
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
        new ProcessBuilder("umount", "--lazy", dir.resolve("system").toString()).start().waitFor();
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
    void closingRemovesTheContainerAndTheHostDirectory() {
        Sandbox s = start();
        s.close();
        assertThat(Files.exists(SandboxDirectory.base().resolve(s.id()))).isFalse();
        DockerCli.Result ps = new DockerCli(TestDockerDaemon.HOST).run(30, "ps", "-a", "--filter", "name=offswitch-" + s.id(), "--format", "{{.Names}}");
        assertThat(ps.output()).isEmpty();
    }
}
