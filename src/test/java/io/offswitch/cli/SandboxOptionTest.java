package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SandboxOptionTest {
    @Test
    void anUnknownBackendIsRefusedNamingTheValidOnes() {
        CliRun r = CliRun.of("run", "shutdown", "--sandbox", "podman");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown sandbox backend 'podman'").contains("valid backends: bwrap, docker");
    }

    @Test
    void benchRefusesAnUnknownBackendToo() {
        CliRun r = CliRun.of("bench", "--sandbox", "lxc", "--sandboxes", "1", "--execs", "1", "--episodes", "1");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("valid backends: bwrap, docker");
    }
}
