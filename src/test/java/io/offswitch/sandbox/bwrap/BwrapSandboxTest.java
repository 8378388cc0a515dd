package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxService;
import io.offswitch.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
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
    void theHarnessEnvironmentDoesNotLeakIn() {
        ExecResult r = start().exec(ExecRequest.of("env; cat /proc/1/environ 2>&1"));
        assertThat(r.stdout()).doesNotContain("JAVA_HOME").doesNotContain("MAVEN").doesNotContain("RLIMIT_CPU").doesNotContain("RLIMIT_NOFILE");
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

    /**
     * Each bwrap starts from the clean mount view (see MountView): its namespace holds its own
     * sandbox's filesystems and none of a sibling's, while the harness still reads and writes the
     * home the agent writes, and the agent's view inside is unchanged.
     */
    @Test
    void eachSandboxStartsFromAViewWithItsOwnMountsAndNoneOfItsSiblings() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "the mount view is root's");
        Sandbox sibling = backend.create(new SandboxSpec("devbox-8", "user", List.of(), List.of(), Limits.defaults()));
        try {
            Sandbox s = start();
            String host = Files.readString(java.nio.file.Path.of("/proc/self/mountinfo"));
            java.nio.file.Path own = SandboxDirectory.base().resolve(s.id());
            java.nio.file.Path other = SandboxDirectory.base().resolve(sibling.id());
            assertThat(host).as("the harness mounts both on the host").contains(own + "/home ").contains(other + "/home ");
            String bwrapView = Files.readString(java.nio.file.Path.of("/proc", Long.toString(((BwrapSandbox) s).process.pid()), "mountinfo"));
            assertThat(bwrapView).contains(own + "/home ").contains(own + "/system ").contains(own + "/tmp ").doesNotContain(other.toString());

            assertThat(s.exec(ExecRequest.of("echo written-inside > note.txt; cat /etc/hostname; grep -c ' /home/user ' /proc/self/mountinfo")).stdout())
                    .isEqualTo("devbox-7\n1\n");
            assertThat(Files.readString(own.resolve("home").resolve("note.txt"))).isEqualTo("written-inside\n");
            Files.writeString(own.resolve("home").resolve("from-harness.txt"), "placed-outside\n");
            assertThat(s.exec(ExecRequest.of("cat from-harness.txt")).stdout()).isEqualTo("placed-outside\n");
        } finally {
            sibling.close();
        }
    }
}
