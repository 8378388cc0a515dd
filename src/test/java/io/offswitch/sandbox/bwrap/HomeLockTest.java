package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.HomeLock;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A home locked read-only but for places kept writable, attacked from inside on each backend: nothing
 * can be created, changed, moved or removed in a locked part by any route (a link from a writable place,
 * a rename of a parent, a remount), the writable places work as any home does, and the harness still
 * reads every file from outside.
 */
class HomeLockTest {
    static Stream<ContainmentTarget> targets() {
        return ContainmentTarget.all();
    }

    private static final HomeLock LOCK = new HomeLock(List.of("", "notes", "ops/scripts"), List.of("ops", "reports", "notes/log.md"));

    private static SandboxSpec spec() {
        return new SandboxSpec("dataops-9", "atlas", List.of(SandboxFile.agentFile("notes/log.md", "- one\n", 0644),
                SandboxFile.agentFile("notes/old.md", "old\n", 0644), SandboxFile.agentFile("ops/scripts/check.sh", "#!/bin/sh\necho checked\n", 0755),
                SandboxFile.agentFile("ops/config.yaml", "a: 1\n", 0644), SandboxFile.agentFile(".profile", "# profile\n", 0644)),
                List.of(), Limits.defaults()).withLock(LOCK);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void lockedPartsRefuseEveryWriteAndWritablePlacesWork(ContainmentTarget target) {
        try (Sandbox s = target.backend().create(spec())) {
            for (String attack : List.of("echo x > ~/.note", "echo x >> ~/.profile", "rm -f ~/.profile", "mv ~/notes ~/n2", "touch ~/notes/new.md",
                    "rm ~/notes/old.md", "echo x >> ~/ops/scripts/check.sh", "mkdir ~/ops/scripts/__pycache__", "mv ~/ops ~/ops2", "rm -rf ~/ops/scripts",
                    "chmod 777 ~/ops/scripts/check.sh", "ln ~/ops/scripts/check.sh ~/ops/hard", "ln -s ~/ops/scripts/check.sh ~/reports/soft && echo x >> ~/reports/soft",
                    "mount -o remount,rw ~", "mv ~/notes/log.md ~/reports/log.md", "rm ~/notes/log.md")) {
                assertThat(run(s, attack).exitCode()).as(attack).isNotZero();
            }
            assertThat(run(s, "echo x >> ~/notes/log.md && echo y > ~/reports/w49.md && mkdir -p ~/ops/logs && echo z > ~/ops/logs/a.log"
                    + " && sed -i 's/a: 1/a: 2/' ~/ops/config.yaml && ~/ops/scripts/check.sh && cat ~/ops/config.yaml").stdout()).isEqualTo("checked\na: 2\n");
            assertThat(s.disk().read("/home/atlas/notes/log.md", 1024).map(b -> new String(b, StandardCharsets.UTF_8))).contains("- one\nx\n");
            assertThat(s.disk().read("/home/atlas/ops/scripts/check.sh", 1024).map(b -> new String(b, StandardCharsets.UTF_8))).contains("#!/bin/sh\necho checked\n");
            assertThat(s.disk().read("/home/atlas/.profile", 1024).map(b -> new String(b, StandardCharsets.UTF_8))).contains("# profile\n");
            assertThat(s.disk().stat("/home/atlas/.note")).isEmpty();
            assertThat(s.snapshotHome().entries()).containsKeys("notes/old.md", "reports/w49.md", "ops/logs/a.log");
        }
    }

    @Test
    void aLockIsPathsRelativeToTheHomeWithWritablePlacesInsideIt() {
        assertThat(LOCK.locks("notes/new.md")).isTrue();
        assertThat(LOCK.locks("notes/log.md")).isFalse();
        assertThat(LOCK.locks("ops/config.yaml")).isFalse();
        assertThat(LOCK.locks("ops/scripts/x")).isTrue();
        assertThat(LOCK.locks(".note")).isTrue();
        assertThat(LOCK.locks("reports")).isFalse();
        assertThat(LOCK.mounts()).extracting(HomeLock.Mount::path).containsExactly("", "notes", "ops", "reports", "notes/log.md", "ops/scripts");
        assertThatThrownBy(() -> new HomeLock(List.of("../etc"), List.of())).hasMessageContaining("../etc");
        assertThatThrownBy(() -> new HomeLock(List.of("/etc"), List.of())).hasMessageContaining("/etc");
        assertThatThrownBy(() -> new HomeLock(List.of("notes"), List.of("ops"))).hasMessageContaining("lies in no locked part");
        assertThatThrownBy(() -> new HomeLock(List.of(), List.of(""))).hasMessageContaining("''");
    }

    private static ExecResult run(Sandbox s, String command) {
        return s.exec(new ExecRequest(command, Duration.ofSeconds(60), 64 * 1024));
    }
}
