package io.offswitch.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.bwrap.StaleSandboxes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness killed with SIGKILL while its world runs: the router's namespace and the machines go by
 * themselves (the router's stdin closes, bwrap dies with its parent), and the stale-sandbox cleanup
 * removes the directories; nothing is left, checked by each process's id and each directory's path.
 */
class CrashedWorldCleanupTest {
    @TempDir
    Path dir;

    @AfterEach
    void removeWhatAFailedTestLeft() {
        StaleSandboxes.remove(dir.resolve("sandboxes"));
    }

    @Test
    void aKilledHarnessLeavesNoRouterMachineOrLinkAndCleanupTakesTheRest() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "worlds need root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path sandboxes = dir.resolve("sandboxes");
        Path report = dir.resolve("pids");
        String linksBefore = links();
        ProcessBuilder pb = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                WorldHolder.class.getName(), report.toString());
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", sandboxes.toString());
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("holder.out").toFile());
        Process holder = pb.start();
        for (int i = 0; i < 600 && !Files.exists(report); i++) {
            Thread.sleep(50);
        }
        assertThat(report).as(Files.exists(dir.resolve("holder.out")) ? Files.readString(dir.resolve("holder.out")) : "").exists();
        String[] words = Files.readString(report).strip().split(" ");
        Path world = Path.of(words[1]);
        List<Long> pids = new ArrayList<>();
        for (int i = 3; i < words.length; i += 2) {
            pids.add(Long.parseLong(words[i]));
        }
        assertThat(pids).hasSize(4);
        assertThat(StaleSandboxes.find(sandboxes)).isEmpty(); // the harness is alive: nothing of it is stale

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        for (long pid : pids) {
            assertThat(gone(pid)).as("process %d", pid).isTrue();
        }
        assertThat(links()).isEqualTo(linksBefore);
        assertThat(Files.isDirectory(world)).isTrue();
        assertThat(StaleSandboxes.find(sandboxes)).isNotEmpty();
        StaleSandboxes.remove(sandboxes);
        assertThat(Files.exists(world)).isFalse();
        try (var left = Files.list(sandboxes)) {
            assertThat(left).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(sandboxes.toString());
    }

    private static boolean gone(long pid) throws InterruptedException {
        for (int i = 0; i < 1000 && Files.exists(Path.of("/proc", Long.toString(pid))); i++) {
            Thread.sleep(10);
        }
        return !Files.exists(Path.of("/proc", Long.toString(pid)));
    }

    private static String links() throws Exception {
        Process p = new ProcessBuilder("ip", "-o", "link").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.waitFor();
        // Only links a world could have left here: its router's (m0, m1...) or a machine's end (eth0 of a veth).
        return out.replaceAll("(?m)^\\d+: ", "").lines().map(l -> l.split(":")[0]).filter(n -> n.matches("(m\\d+|eth0)@.*")).sorted().toList().toString();
    }
}
