package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sandbox directories count as stale: the owner record decides, and a reused pid is no owner. */
class StaleSandboxesTest {
    @TempDir
    Path base;
    @TempDir
    Path noCgroups;

    private Path sandbox(String id, SandboxOwner owner) throws Exception {
        Path root = Files.createDirectories(base.resolve(id).resolve("home"));
        Files.writeString(root.resolve("planted"), "x");
        Path root2 = root.getParent();
        if (owner != null) {
            owner.writeTo(root2);
        }
        return root2;
    }

    @Test
    void aSandboxOfAnotherRunningHarnessIsLeftAlone() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try {
            long start = SandboxOwner.startTimeOf(other.pid()).orElseThrow();
            Path live = sandbox("aaaaaaaa-111", new SandboxOwner(other.pid(), start));

            assertThat(StaleSandboxes.find(base, noCgroups)).isEmpty();
            assertThat(StaleSandboxes.remove(base, noCgroups)).isEmpty();
            assertThat(live.resolve("home/planted")).exists();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aSandboxWhoseOwnerDiedIsRemovedWithoutFollowingLinks() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        long start = SandboxOwner.startTimeOf(dead.pid()).orElse(1L);
        dead.waitFor(10, TimeUnit.SECONDS);
        Path outside = Files.writeString(noCgroups.resolve("host-file"), "keep me");
        Path stale = sandbox("bbbbbbbb-222", new SandboxOwner(dead.pid(), start));
        Files.createSymbolicLink(stale.resolve("home/link"), outside);
        Files.createSymbolicLink(stale.resolve("home/dirlink"), noCgroups);

        assertThat(StaleSandboxes.find(base, noCgroups)).extracting(Leftover::kind).containsExactly(Leftover.Kind.SANDBOX_DIRECTORY);
        assertThat(StaleSandboxes.remove(base, noCgroups)).extracting(Leftover::what).containsExactly(stale.toString());
        assertThat(stale).doesNotExist();
        assertThat(outside).hasContent("keep me");
    }

    @Test
    void aLivePidWithAnotherStartTimeIsNotTheOwner() throws Exception {
        long self = ProcessHandle.current().pid();
        long start = SandboxOwner.startTimeOf(self).orElseThrow();
        assertThat(new SandboxOwner(self, start).alive()).isTrue();
        assertThat(new SandboxOwner(self, start + 1).alive()).isFalse();

        sandbox("cccccccc-333", new SandboxOwner(self, start + 1));
        assertThat(StaleSandboxes.find(base, noCgroups)).hasSize(1);
    }

    @Test
    void ourOwnSandboxesAndNamesThatAreNotSandboxIdsAreNotTouched() throws Exception {
        sandbox("dddddddd-444", SandboxOwner.current());
        Path foreign = Files.createDirectories(base.resolve("Not-A-Sandbox"));
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.now().minusSeconds(3600)));

        assertThat(StaleSandboxes.remove(base, noCgroups)).isEmpty();
        assertThat(base.resolve("dddddddd-444")).exists();
        assertThat(foreign).exists();
    }

    @Test
    void aDirectoryWithoutOwnerIsStaleOnlyAfterTheGrace() throws Exception {
        Path unowned = sandbox("eeeeeeee-555", null);
        assertThat(StaleSandboxes.find(base, noCgroups)).isEmpty();

        Files.setLastModifiedTime(unowned, FileTime.from(Instant.now().minus(StaleSandboxes.GRACE).minusSeconds(5)));
        assertThat(StaleSandboxes.find(base, noCgroups)).hasSize(1);
    }

    private static SandboxOwner deadOwner() throws Exception {
        Process dead = new ProcessBuilder("true").start();
        long start = SandboxOwner.startTimeOf(dead.pid()).orElse(1L);
        dead.waitFor(10, TimeUnit.SECONDS);
        return new SandboxOwner(dead.pid(), start);
    }

    @Test
    void processesNamingAStaleSandboxAreKilled() throws Exception {
        Path stale = sandbox("ffffffff-666", deadOwner());
        Process lingering = new ProcessBuilder("sh", "-c", "sleep 300; true", stale.resolve("home").toString()).start();
        // Until its exec completes, the new process's command line is not yet the one that names the sandbox
        // ("; true" keeps the shell from replacing itself with sleep, which would drop the path from it).
        for (int i = 0; i < 200 && !lingering.info().commandLine().orElse("").contains(stale.toString()); i++) {
            Thread.sleep(10);
        }
        // The same for its child: until that has exec'd sleep, it is a copy of the shell and names the sandbox too.
        for (int i = 0; i < 200 && lingering.descendants().noneMatch(d -> d.info().command().orElse("").endsWith("/sleep")); i++) {
            Thread.sleep(10);
        }

        assertThat(StaleSandboxes.find(base, noCgroups)).extracting(Leftover::kind)
                .containsExactlyInAnyOrder(Leftover.Kind.SANDBOX_DIRECTORY, Leftover.Kind.PROCESS);
        List<ProcessHandle> sleeper = lingering.descendants().toList();
        StaleSandboxes.remove(base, noCgroups);

        assertThat(lingering.waitFor(10, TimeUnit.SECONDS)).isTrue();
        sleeper.forEach(ProcessHandle::destroyForcibly); // the shell's sleep does not name the sandbox: ours to end
        assertThat(stale).doesNotExist();
    }

    /** Real v1 cgroups (root only): a frozen member is thawed so SIGKILL takes, then the cgroups go. */
    @Test
    void frozenProcessesInAStaleSandboxCgroupAreKilledAndItsCgroupsRemoved() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Cgroups.available(), "needs writable v1 cgroups (root)");
        String id = "0ff5" + Long.toHexString(System.nanoTime() & 0xffffffL) + "-777";
        Path stale = sandbox(id, deadOwner());
        Cgroups cgroups = Cgroups.create(id, io.offswitch.sandbox.Limits.defaults()).orElseThrow();
        Process member = new ProcessBuilder("sleep", "300").start();
        try {
            cgroups.add(member.pid());
            cgroups.freeze();

            assertThat(StaleSandboxes.find(base, Cgroups.ROOT)).filteredOn(l -> l.sandboxId().equals(id)).extracting(Leftover::kind)
                    .containsOnly(Leftover.Kind.SANDBOX_DIRECTORY, Leftover.Kind.PROCESS, Leftover.Kind.CGROUP);
            StaleSandboxes.remove(base, Cgroups.ROOT);

            assertThat(member.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(stale).doesNotExist();
            for (String controller : StaleSandboxes.CONTROLLERS) {
                assertThat(Cgroups.ROOT.resolve(controller).resolve(Cgroups.PARENT).resolve(id)).doesNotExist();
            }
        } finally {
            cgroups.thaw();
            member.destroyForcibly();
            member.waitFor(10, TimeUnit.SECONDS);
            cgroups.close();
        }
    }
}
