package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.offswitch.sandbox.NativeProgram;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sandbox-launch, the program every bubblewrap sandbox starts through as root: what it does before
 * bwrap runs, and that any failure stops it before the program with a message saying what and where.
 */
class SandboxLaunchTest {
    @TempDir
    Path dir;

    private static Path launcher;

    @BeforeAll
    static void compile() {
        assumeTrue("root".equals(System.getProperty("user.name")), "sandbox-launch runs as root");
        launcher = NativeProgram.compiled(BwrapBackend.LAUNCH_SOURCE);
    }

    private record Ran(int status, String out, String err) {}

    private Ran launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Ran(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void runsTheProgramInASessionOfItsOwnAsTheUserWithTheIpcLimitsInANamespaceOfItsOwn() throws Exception {
        String hostShmmni = Files.readString(Path.of("/proc/sys/kernel/shmmni")).strip();
        String hostIpc = Files.readSymbolicLink(Path.of("/proc/self/ns/ipc")).toString();
        String limit = hostShmmni.equals("17") ? "19" : "17";
        Ran r = launch("--ipc-sysctl", "kernel.shmmni=" + limit, "--user", "64930", "--",
                "/bin/sh", "-c", "echo $$; ps -o sid= -p $$; id -u; id -g; id -G; cat /proc/sys/kernel/shmmni; readlink /proc/self/ns/ipc");
        assertThat(r.status()).as(r.err()).isZero();
        List<String> lines = r.out().lines().map(String::strip).toList();
        assertThat(lines.get(1)).as("session id").isEqualTo(lines.get(0));
        assertThat(lines.subList(2, 5)).containsExactly("64930", "64930", "64930");
        assertThat(lines.get(5)).isEqualTo(limit);
        assertThat(lines.get(6)).isNotEqualTo(hostIpc);
        assertThat(Files.readString(Path.of("/proc/sys/kernel/shmmni")).strip()).as("the host's limit").isEqualTo(hostShmmni);
    }

    @Test
    void aFailureStopsItBeforeTheProgramAndSaysWhatAndWhere() throws Exception {
        Path ran = dir.resolve("ran");
        List<String> program = List.of("--", "/usr/bin/touch", ran.toString());
        String missing = dir.resolve("no-such-cgroup").resolve("cgroup.procs").toString();
        String[][] cases = {
                {"--cgroup", missing},
                {"--ipc-sysctl", "net.core.somaxconn=1"},
                {"--ipc-sysctl", "kernel.shmmni"},
                {"--ipc-sysctl", "kernel.no_such_sysctl=1"},
                {"--user", "0"},
                {"--user", "root"},
                {"--uid", "64930"},
        };
        String[] said = {
                "cannot open " + missing + ": No such file or directory",
                "--ipc-sysctl sets kernel.* only (got 'net.core.somaxconn=1')",
                "--ipc-sysctl takes kernel.NAME=VALUE (got 'kernel.shmmni')",
                "cannot open /proc/sys/kernel/no_such_sysctl: No such file or directory",
                "--user takes a positive uid (got '0')",
                "--user takes a positive uid (got 'root')",
                "unknown option, or too many of one (got '--uid')",
        };
        for (int i = 0; i < cases.length; i++) {
            List<String> args = new ArrayList<>(List.of(cases[i]));
            args.addAll(program);
            Ran r = launch(args.toArray(String[]::new));
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(125);
            assertThat(r.err()).as(String.join(" ", args)).isEqualTo("sandbox-launch: " + said[i] + "\n");
            assertThat(ran).as("the program ran despite " + String.join(" ", args)).doesNotExist();
        }
        Ran noProgram = launch("--user", "64930", "--");
        assertThat(noProgram.status()).isEqualTo(125);
        assertThat(noProgram.err()).isEqualTo("sandbox-launch: no program after --\n");
        Ran notFound = launch("--", dir.resolve("no-such-program").toString());
        assertThat(notFound.status()).isEqualTo(125);
        assertThat(notFound.err()).isEqualTo("sandbox-launch: cannot run " + dir.resolve("no-such-program") + ": No such file or directory\n");

        assertThat(launch(program.toArray(String[]::new)).status()).isZero();
        assertThat(ran).as("the same program, nothing wrong").exists();
    }

    private static void mountTmpfs(Path at) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", at.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0).as(new String(p.getInputStream().readAllBytes())).isTrue();
    }

    private static void unmount(Path at) throws Exception {
        new ProcessBuilder("umount", "-l", at.toString()).redirectErrorStream(true).start().waitFor(10, TimeUnit.SECONDS);
    }

    /**
     * The clean mount view: held without any mount under the sandboxes' directory, and each launch
     * from it sees its own sandbox's mounts (the same filesystems the harness reads and writes), not
     * a sibling's; a view whose holder is gone (its inode differs) is refused before the program runs.
     */
    @Test
    void aLaunchFromTheMountViewSeesItsOwnMountsAndNoneOfItsSiblings() throws Exception {
        Path base = Files.createDirectory(dir.resolve("sandboxes"));
        Path own = Files.createDirectories(base.resolve("own").resolve("home"));
        Path sibling = Files.createDirectories(base.resolve("sibling").resolve("home"));
        Process holder = null;
        try {
            mountTmpfs(own);
            mountTmpfs(sibling);
            Files.writeString(own.resolve("placed.txt"), "placed-by-harness\n");
            holder = new ProcessBuilder(launcher.toString(), "--hold-mount-view", base.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            assertThat(new String(holder.getInputStream().readNBytes(6), StandardCharsets.US_ASCII)).isEqualTo("READY\n");
            Path ns = Path.of("/proc", Long.toString(holder.pid()), "ns", "mnt");
            assertThat(Files.readString(Path.of("/proc", Long.toString(holder.pid()), "mountinfo"))).doesNotContain(base.toString());
            String link = Files.readSymbolicLink(ns).toString();
            String inode = link.substring(link.indexOf('[') + 1, link.indexOf(']'));

            Ran r = launch("--mount-view", ns + "@" + inode, "--own-mounts", base.resolve("own").toString(), "--",
                    "/bin/sh", "-c", "cat /proc/self/mountinfo; cat " + own.resolve("placed.txt") + "; echo written-in-view > " + own.resolve("back.txt"));
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains(own + " ").doesNotContain(sibling.toString()).endsWith("placed-by-harness\n");
            assertThat(Files.readString(own.resolve("back.txt"))).as("the same filesystem as the host's").isEqualTo("written-in-view\n");

            Ran stale = launch("--mount-view", ns + "@" + (Long.parseLong(inode) + 1), "--own-mounts", base.resolve("own").toString(), "--",
                    "/usr/bin/touch", dir.resolve("ran").toString());
            assertThat(stale.status()).isEqualTo(125);
            assertThat(stale.err()).contains("the clean mount view is gone");
            assertThat(dir.resolve("ran")).doesNotExist();
            Ran half = launch("--mount-view", ns + "@" + inode, "--", "/usr/bin/touch", dir.resolve("ran").toString());
            assertThat(half.err()).isEqualTo("sandbox-launch: --mount-view and --own-mounts go together (got '" + ns + "@" + inode + "')\n");
        } finally {
            if (holder != null) {
                holder.destroyForcibly();
            }
            unmount(own);
            unmount(sibling);
        }
    }
}
