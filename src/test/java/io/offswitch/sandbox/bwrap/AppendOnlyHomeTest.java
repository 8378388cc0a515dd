package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.HomeLock;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A log of the home made append-only (the kernel's attribute, its folder locked read-only), attacked
 * from inside on each backend: every way of rewriting, shortening, replacing, moving or removing it, or
 * of lifting the attribute, is refused, while appending works for anyone who writes it; the harness
 * reads it from outside and removes the sandbox whole afterwards.
 */
class AppendOnlyHomeTest {
    static Stream<ContainmentTarget> targets() {
        return ContainmentTarget.all();
    }

    private static final String LOG = "ops/audit/logs/daemon.log";
    private static final HomeLock LOCK = new HomeLock(List.of("ops/audit/logs"), List.of(LOG), List.of(LOG));

    private static SandboxSpec spec() {
        return new SandboxSpec("audit-ws-1", "user", List.of(SandboxFile.agentFile(LOG, "day 1: started\nday 1: flagged sel-1\n", 0644),
                SandboxFile.agentFile("ops/audit/config.json", "{}\n", 0644)), List.of(), Limits.defaults()).withLock(LOCK);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void theLogOnlyGrows(ContainmentTarget target) {
        String log = "~/" + LOG;
        Path hostDir;
        try (Sandbox s = target.backend().create(spec())) {
            for (String attack : List.of("echo x > " + log, ": > " + log, "truncate -s 0 " + log, "sed -i '/flagged/d' " + log, "rm -f " + log,
                    "mv " + log + " ~/old.log", "mv ~/ops/audit/logs ~/ops/audit/logs.old", "mv ~/ops/audit ~/ops/audit.old", "mv ~/ops ~/ops.old",
                    "ln -sf /dev/null " + log, "chmod 000 " + log, "chattr -a " + log, "python3 -c \"open('" + "/home/user/" + LOG + "', 'r+').write('X')\"",
                    "dd if=/dev/zero of=" + log + " bs=1 count=4 conv=notrunc", "exec 3<>" + log + " && echo X >&3", "touch ~/ops/audit/logs/forged.log",
                    "cp ~/ops/audit/config.json " + log, "mount -o remount,rw ~/ops/audit/logs", "ln " + log + " ~/hard.log")) {
                assertThat(run(s, attack).exitCode()).as(attack).isNotZero();
            }
            // Reading, listing, copying and appending are open to anyone.
            ExecResult fine = run(s, "echo 'day 2: started' >> " + log + " && printf 'day 2: passed sel-2\\n' | tee -a " + log + " >/dev/null && cat " + log
                    + " | wc -l && cp " + log + " ~/copy.log && ls -l ~/ops/audit/logs && lsattr " + log + " && grep -c flagged " + log);
            assertThat(fine.exitCode()).as(fine.stderr()).isZero();
            assertThat(fine.stdout()).startsWith("4\n").contains("-a-").endsWith("1\n");
            assertThat(s.disk().read("/home/user/" + LOG, 4096).map(b -> new String(b, StandardCharsets.UTF_8)))
                    .contains("day 1: started\nday 1: flagged sel-1\nday 2: started\nday 2: passed sel-2\n");
            assertThat(s.snapshotHome().entries()).containsKeys(LOG, "copy.log");
            hostDir = SandboxDirectory.base().resolve(s.id());
        }
        assertThat(hostDir).doesNotExist();
    }

    @Test
    void anAppendOnlyFileInAReadOnlyPartOrMissingIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> new HomeLock(List.of("ops"), List.of(), List.of("ops/a.log"))).hasMessageContaining("ops/a.log")
                .hasMessageContaining("keep it writable");
        assertThatThrownBy(() -> new HomeLock(List.of(), List.of(), List.of("../a.log"))).hasMessageContaining("../a.log");
        SandboxSpec missing = new SandboxSpec("audit-ws-1", "user", List.of(SandboxFile.agentFile("ops/other.txt", "x\n", 0644)), List.of(), Limits.defaults())
                .withLock(new HomeLock(List.of(), List.of(), List.of("ops/none.log")));
        assertThatThrownBy(() -> ContainmentTarget.all().findFirst().orElseThrow().backend().create(missing).close()).isInstanceOf(SandboxException.class)
                .hasMessageContaining("ops/none.log").hasMessageContaining("append-only");
        assertThat(new HomeLock(List.of(), List.of(), List.of("a.log")).isNone()).isFalse();
        assertThat(LOCK.with(new HomeLock(List.of("notes"), List.of())).readOnly()).containsExactly("ops/audit/logs", "notes");
    }

    private static ExecResult run(Sandbox s, String command) {
        return s.exec(new ExecRequest(command, Duration.ofSeconds(60), 64 * 1024));
    }
}
