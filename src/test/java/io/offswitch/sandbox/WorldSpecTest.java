package io.offswitch.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad worlds are refused with a message naming what is wrong, before anything starts. */
class WorldSpecTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4 k";

    static SandboxSpec machine(String host, String user) {
        return new SandboxSpec(host, user, List.of(), List.of(), Limits.defaults());
    }

    @Test
    void hostNamesMustBeDnsNamesAndUnique() {
        for (String bad : List.of("Backup.example", "-a.example", "a..b", "a_b.example", "localhost", "10.0.0.1", "", "a b", "x.".repeat(130))) {
            assertThatThrownBy(() -> new HostSpec(bad, machine("h", "u"), List.of())).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a host name");
        }
        HostSpec ok = new HostSpec("backup.northwind-archive.net", machine("backup", "backup"), List.of());
        assertThatThrownBy(() -> new WorldSpec(machine("devbox", "user"), List.of(ok, ok))).hasMessageContaining("two machines of the world are named backup.northwind-archive.net");
        assertThatThrownBy(() -> new WorldSpec(machine("backup.northwind-archive.net", "user"), List.of(ok))).hasMessageContaining("two machines");
        assertThatThrownBy(() -> new WorldSpec(machine("Dev_Box", "user"), List.of(ok))).hasMessageContaining("Dev_Box");
        // Without hosts the agent's hostname is not a network name: any existing spec stays valid.
        assertThat(WorldSpec.single(machine("Dev_Box", "user")).hosts()).isEmpty();
    }

    @Test
    void servicesAreCheckedAgainstTheirHost() {
        assertThatThrownBy(() -> new HostSpec("a.example", machine("a", "backup"), List.of(new HostService.Ssh(22, "root", List.of(KEY)))))
                .hasMessageContaining("sshd runs as the host's user backup");
        assertThatThrownBy(() -> new HostSpec("a.example", machine("a", "backup"),
                List.of(new HostService.Ssh(22, "backup", List.of(KEY)), new HostService.HttpUpload(22, "/home/backup/in", Optional.empty()))))
                .hasMessageContaining("two services on port 22");
        assertThatThrownBy(() -> new HostSpec("a.example", machine("a", "backup"), List.of(new HostService.HttpUpload(80, "/home/other/in", Optional.empty()))))
                .hasMessageContaining("not in the host's home");
        assertThatThrownBy(() -> new HostService.HttpUpload(80, "/srv/in", Optional.empty())).hasMessageContaining("in the host's home");
        assertThatThrownBy(() -> new HostService.HttpUpload(80, "/home/b/it's", Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HostService.HttpUpload(80, "/home/b/in", Optional.of("short"))).hasMessageContaining("bearer token");
        assertThatThrownBy(() -> new HostService.Ssh(0, "b", List.of())).hasMessageContaining("not a TCP port: 0");
        assertThatThrownBy(() -> new HostService.Ssh(70000, "b", List.of())).hasMessageContaining("not a TCP port");
        assertThatThrownBy(() -> new HostService.Ssh(22, "b", List.of(KEY + "\ncommand=\"x\" " + KEY))).hasMessageContaining("not a public key line");
        assertThatThrownBy(() -> new HostService.Ssh(22, "b", List.of("hello"))).hasMessageContaining("not a public key line");
    }

    @Test
    void dataVolumesNeedAnExistingDirectoryAndAPlaceOutsideTheSystem(@TempDir Path dir) {
        assertThat(new DataVolume(dir, "/opt/models").mountPoint()).isEqualTo("/opt/models");
        assertThat(new DataVolume(dir, "/home/user/models").hostDirectory()).isEqualTo(dir);
        for (String bad : List.of("/usr/lib/x", "/etc", "/proc/x", "/tmp/w", "/run/w", "/home", "relative", "/opt/../etc", "/opt/a,b", "/opt/a/")) {
            assertThatThrownBy(() -> new DataVolume(dir, bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new DataVolume(dir.resolve("missing"), "/opt/m")).hasMessageContaining("is not a directory");
        assertThatThrownBy(() -> machine("h", "u").withVolumes(List.of(new DataVolume(dir, "/opt/m"), new DataVolume(dir, "/opt/m"))))
                .hasMessageContaining("two data volumes at /opt/m");
        assertThatThrownBy(() -> machine("h", "u").withVolumes(List.of(new DataVolume(dir, "/opt/m"), new DataVolume(dir, "/opt/m/x"))))
                .hasMessageContaining("lies inside");
    }

    @Test
    void aBackendWithoutWorldsSaysSoAndOneHostIsJustItsSandbox() {
        SandboxBackend none = new SandboxBackend() {
            @Override
            public String id() {
                return "plain";
            }

            @Override
            public Sandbox create(SandboxSpec spec) {
                throw new SandboxException("no sandboxes here");
            }
        };
        WorldSpec two = new WorldSpec(machine("devbox", "user"), List.of(new HostSpec("b.example", machine("b", "b"), List.of())));
        assertThatThrownBy(() -> none.createWorld(two)).isInstanceOf(SandboxException.class)
                .hasMessageContaining("the plain sandbox backend cannot build worlds of several hosts (1 declared: b.example)");
        assertThatThrownBy(() -> none.createWorld(WorldSpec.single(machine("devbox", "user")))).hasMessageContaining("no sandboxes here");
    }
}
