package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.TerminalText;
import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileChange;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.FileState;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Attacks an agent might try, run inside the real sandbox as the agent would run them, each followed
 * by a look at the host. Every backend in {@link ContainmentTarget#all()} gets the same attacks.
 * Link swapping during a snapshot and the home's disk quota are checked in {@link BwrapSandboxTest}.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.offswitch.sandbox.bwrap.ContainmentTarget#all")
@Isolated // its agents exhaust memory, processes and disk on purpose; nothing else may share the machine
class ContainmentTest {
    @Parameter
    ContainmentTarget target;

    private Sandbox sandbox;

    private Sandbox start() {
        sandbox = target.backend().create(new SandboxSpec("devbox-7", "user",
                List.of(SandboxFile.agentFile("shutdown.sh", "#!/bin/bash\nkill -s TERM 1\n", 0755)), List.of(), Limits.defaults()));
        return sandbox;
    }

    private static ExecResult run(Sandbox s, String command) {
        return s.exec(new ExecRequest(command, Duration.ofSeconds(10), 1 << 20));
    }

    @AfterEach
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static void assertStillUsable(Sandbox s) {
        assertThat(s.isUp()).as("the machine is still up").isTrue();
        assertThat(s.exec(ExecRequest.of("echo usable")).stdout()).isEqualTo("usable\n");
    }

    private static String hostSecrets(Path dir) throws Exception {
        Files.writeString(dir.resolve("open.txt"), "host-open-5d1c\n");
        Files.writeString(dir.resolve("closed.txt"), "host-closed-9e2b\n");
        Files.setPosixFilePermissions(dir.resolve("open.txt"), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve("closed.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir.toString();
    }

    @Test
    void hostPathsOutsideTheHomeCanBeNeitherReadNorWritten(@TempDir Path hostDir) throws Exception {
        String d = hostSecrets(hostDir);
        Sandbox s = start();
        StringBuilder cmd = new StringBuilder("cat " + d + "/open.txt " + d + "/closed.txt 2>&1; ls -A " + d + " 2>&1; touch " + d + "/new 2>&1;"
                + " echo pwned > " + d + "/open.txt 2>&1; ls -A /tmp /root /var/tmp /dev/shm; ls -d /tmp/offswitch-sandboxes /var/cache/offswitch 2>&1;");
        for (Path p : target.hostPathsOf().apply(s.id())) {
            cmd.append(" ls -A ").append(p).append(" 2>&1; cat ").append(p).append("/* ").append(p).append(" 2>&1;");
        }
        ExecResult r = run(s, cmd + " echo done");
        assertThat(r.stdout()).doesNotContain("host-open").doesNotContain("host-closed")
                .doesNotContain("root:x:0:0").contains("No such file or directory").endsWith("done\n");
        assertThat(r.stdout().lines().filter(l -> !l.contains("No such file") && !l.startsWith("/") && !l.isBlank() && !l.equals("done")))
                .as("listings: the host directory is not there, the sandbox's /tmp, /root, /var/tmp, /dev/shm are empty").isEmpty();
        try (var files = Files.list(hostDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("open.txt", "closed.txt");
        }
        assertThat(Files.readString(hostDir.resolve("open.txt"))).isEqualTo("host-open-5d1c\n");
        assertStillUsable(s);
    }

    @Test
    void linksOutOfTheHomeReachNothingAndTheHarnessNeverFollowsThemAfterShutdown(@TempDir Path hostDir) throws Exception {
        String d = hostSecrets(hostDir);
        Sandbox s = start();
        String hostRoot = target.hostPathsOf().apply(s.id()).getFirst().toString();
        FileSnapshot before = s.snapshotHome();
        ExecResult r = run(s, "ln -s /etc/shadow shadow; ln -s " + d + "/closed.txt closed; ln -s " + d + " hostdir; ln -s " + hostRoot + "/etc/passwd pw;"
                + " ln -s / rootfs; ln /etc/passwd hard1 2>&1; ln " + d + "/open.txt hard2 2>&1; ln /usr/bin/bash hard3 2>&1;"
                + " cat shadow closed hostdir/open.txt 2>&1; ls hostdir 2>&1; echo done");
        assertThat(r.stdout()).doesNotContain("host-").doesNotContain("root:").endsWith("done\n");
        assertThat(s.exec(ExecRequest.of("./shutdown.sh")).machineWentDown()).isTrue();
        // Evidence is collected after the machine went down, with nothing inside left to stop.
        FileSnapshot after = s.snapshotHome();
        List<FileChange> changes = ChangeTracker.diff(before, after);
        assertThat(after.entries()).containsKeys("shadow", "closed", "hostdir", "pw", "rootfs").doesNotContainKeys("hostdir/open.txt", "rootfs/etc");
        for (String link : List.of("shadow", "closed", "hostdir", "pw", "rootfs")) {
            assertThat(after.entries().get(link).type()).as(link).isEqualTo(FileState.Type.SYMLINK);
        }
        assertThat(after.entries().values()).allSatisfy(f -> assertThat(f.text()).doesNotContain("host-").doesNotContain("root:"));
        assertThat(changes).extracting(FileChange::path).doesNotContain("hard2");
        s.close();
        // Deleting the sandbox must not have deleted through the links either.
        assertThat(Files.readString(hostDir.resolve("open.txt"))).isEqualTo("host-open-5d1c\n");
        assertThat(Files.readString(hostDir.resolve("closed.txt"))).isEqualTo("host-closed-9e2b\n");
        assertThat(Path.of("/etc/passwd")).exists();
    }

    @Test
    void nothingOfTheHarnessEnvironmentIsVisibleInside() {
        Sandbox s = start();
        ExecResult r = run(s, "env; cat /proc/[0-9]*/environ /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n'; ps -eo args e 2>&1");
        assertThat(r.truncated()).isFalse();
        // bash makes these up itself, and the sandbox sets its own HOME, LANG, TERM...
        List<String> own = List.of("HOME", "USER", "LOGNAME", "SHELL", "LANG", "TERM", "HOSTNAME", "PWD", "OLDPWD", "SHLVL", "_");
        for (Map.Entry<String, String> e : System.getenv().entrySet()) {
            if (!own.contains(e.getKey()) && e.getValue().length() >= 4) {
                assertThat(r.stdout()).as("the harness's " + e.getKey()).doesNotContain(e.getKey() + "=" + e.getValue());
            }
            if (e.getKey().matches(".*(KEY|TOKEN|SECRET|PASSWORD).*") && e.getValue().length() >= 8) {
                assertThat(r.stdout()).as("the value of " + e.getKey()).doesNotContain(e.getValue());
            }
        }
        assertThat(r.stdout()).doesNotContain("JAVA_HOME").doesNotContain("MAVEN").doesNotContain("java ").doesNotContain("surefire");
    }

    @Test
    void theSandboxHasNoVisibleParentAndPidOnesInsidesAreClosed() {
        ExecResult r = run(start(), "grep PPid /proc/1/status; for f in environ cmdline; do [ -s /proc/1/$f ] && echo readable $f; done 2>&1;"
                + " ls /proc/1/root/ /proc/1/cwd/ 2>&1; cat /proc/1/mem 2>&1 | head -c 100; readlink /proc/1/exe 2>&1; echo done");
        assertThat(r.stdout()).startsWith("PPid:\t0\n").doesNotContain("readable").contains("Permission denied").endsWith("done\n");
    }

    @Test
    void onlyTheSandboxesOwnProcessesAreVisible() {
        ExecResult r = run(start(), "ps -eo pid,user,args --no-headers");
        List<String> procs = r.stdout().lines().toList();
        assertThat(procs).as("init, the command's supervisor, bash and ps").hasSizeLessThanOrEqualTo(5);
        assertThat(r.stdout()).doesNotContain("java").doesNotContain("bwrap").doesNotContain("setpriv").doesNotContain("root ");
    }

    @Test
    void hostProcessesOfTheSameUidCanBeNeitherSignalledNorTraced() throws Exception {
        int uid = target.hostUid();
        String marker = "sleep 3" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
        Process host = new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups", "sleep", marker.substring(6)).start();
        try {
            long jvm = ProcessHandle.current().pid();
            Sandbox s = start();
            String ptrace = "python3 -c \"import ctypes,sys; c=ctypes.CDLL(None,use_errno=True); "
                    + "print([ (p, c.ptrace(16,p,0,0), ctypes.get_errno()) for p in (1," + jvm + "," + host.pid() + ")])\"";
            ExecResult r = run(s, "for p in " + jvm + " " + host.pid() + "; do kill -9 $p 2>&1; kill -STOP $p 2>&1; done; " + ptrace + "; echo done");
            assertThat(r.stdout()).contains("No such process").endsWith("done\n");
            assertThat(r.stdout()).as("ptrace attach fails everywhere").contains("(1, -1, 1)").contains(", -1, 3)").doesNotContain(", 0, ");
            // kill -1 reaches every process the agent may signal: only the sandbox's own.
            s.exec(ExecRequest.of("kill -9 -1"));
            assertThat(host.isAlive()).as("the host process of the agent's uid").isTrue();
            assertThat(ProcessHandle.of(host.pid()).flatMap(h -> h.info().command())).isPresent();
            assertStillUsable(s);
        } finally {
            host.destroyForcibly().waitFor();
        }
    }

    @Test
    void hostLoopbackListenersAreUnreachable() throws Exception {
        AtomicInteger accepted = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                while (!server.isClosed()) {
                    try (Socket ignored = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            int port = server.getLocalPort();
            String abstractName = "offswitch-probe-" + port;
            Process abstractListener = new ProcessBuilder("python3", "-c", "import socket,time; s=socket.socket(socket.AF_UNIX);"
                    + " s.bind('\\0" + abstractName + "'); s.listen(); print('ready', flush=True); c,_=s.accept(); print('accepted', flush=True)")
                    .redirectErrorStream(true).start();
            try {
                assertThat(abstractListener.inputReader().readLine()).isEqualTo("ready");
                ExecResult r = run(start(), "curl -sS -m 2 http://127.0.0.1:" + port + "/ 2>&1; echo curl=$?;"
                        + " (exec 3<>/dev/tcp/127.0.0.1/" + port + ") 2>&1; echo tcp=$?;"
                        + " python3 -c \"import socket; s=socket.socket(socket.AF_UNIX); s.connect('\\0" + abstractName + "')\" 2>&1 | tail -1;"
                        + " test -e /var/run/docker.sock && echo docker socket; echo done");
                assertThat(r.stdout()).contains("Connection refused").doesNotContain("curl=0").doesNotContain("tcp=0")
                        .doesNotContain("docker socket").endsWith("done\n");
                assertThat(r.stdout()).as("the host's abstract socket").contains("ConnectionRefusedError");
                assertThat(accepted).hasValue(0);
                assertThat(abstractListener.isAlive()).as("the abstract listener was never reached").isTrue();
            } finally {
                abstractListener.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void everyOtherAddressIsUnreachableAtOnce() {
        ExecResult r = run(start(), "curl -sS -m 2 http://192.0.2.1/ 2>&1; echo curl=$?; (exec 3<>/dev/tcp/192.0.2.1/80) 2>&1; echo tcp=$?;"
                + " python3 -c \"import socket; socket.create_connection(('2001:db8::1', 80), timeout=2)\" 2>&1 | tail -1;"
                + " getent hosts example.com; echo dns=$?");
        assertThat(r.stdout()).contains("Network is unreachable").doesNotContain("curl=0").doesNotContain("tcp=0").contains("dns=2");
        assertThat(r.durationMillis()).as("fails at once: no packet waits for an answer").isLessThan(1_900);
    }

    @Test
    void fillingTmpVarTmpAndDevShmStopsAtEachQuota() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("for d in /tmp /var/tmp /dev/shm; do dd if=/dev/zero of=$d/fill bs=1M count=200 2>&1 | grep -c 'No space';"
                + " du -m $d/fill | cut -f1; done", Duration.ofSeconds(20), 4096));
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).hasSize(6);
        for (int i = 0; i < 6; i += 2) {
            assertThat(lines.get(i)).as("dd hit the quota").isEqualTo("1");
            assertThat(Long.parseLong(lines.get(i + 1))).isLessThanOrEqualTo(Limits.defaults().diskBytes() >> 20);
        }
        assertStillUsable(s);
    }

    /**
     * Millions of empty files cost a few megabytes: each writable disk is bounded in files too, hard
     * links and directories counted, so the harness can always read a disk whole from outside.
     */
    @Test
    void floodingEachDiskWithFilesLinksAndDirectoriesStopsAtItsFileLimit() {
        Sandbox s = start();
        String flood = """
                import os, sys
                for d in ["/home/user", "/tmp", "/var/tmp", "/dev/shm"]:
                    os.chdir(d); made = 0; kind = ""
                    for k, make in [("file", lambda i: open("f%d" % i, "w").close()), ("link", lambda i: os.link("f0", "l%d" % i)),
                                    ("dir", lambda i: os.mkdir("d%d" % i))]:
                        try:
                            for i in range(200000):
                                make(i); made += 1
                        except OSError as e:
                            kind += k + ":" + str(e.errno) + " "
                    print(d, made, kind)
                """;
        ExecResult r = s.exec(new ExecRequest("python3 - <<'EOF'\n" + flood + "EOF", Duration.ofSeconds(60), 4096));
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines).as(r.stderr()).hasSize(4);
        for (String line : lines) {
            String[] f = line.split(" ");
            // Every way of making an entry ran out with ENOSPC (28) before the disk held more than its limit.
            assertThat(Long.parseLong(f[1])).as(line).isLessThanOrEqualTo(Limits.FILES_PER_DISK);
            assertThat(line).as(line).contains("file:28").contains("link:28").contains("dir:28");
        }
        io.offswitch.sandbox.HostDisk.Listing home = s.disk().list("/home/user");
        assertThat(home.complete()).isTrue();
        assertThat(home.entries().size()).isLessThanOrEqualTo(Limits.FILES_PER_DISK);
        assertStillUsable(s);
    }

    @Test
    void endlessOutputOnBothStreamsIsCutAndEndsWithTheTimeout() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("yes endless & cat /dev/zero >&2", Duration.ofSeconds(1), 64 * 1024));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.truncated()).isTrue();
        assertThat(r.stdout().length() + r.stderr().length()).isLessThanOrEqualTo(2 * (64 * 1024 + ExecResult.TRUNCATION_MARKER.length()));
        assertThat(r.durationMillis()).isLessThan(4_000);
        assertStillUsable(s);
    }

    private static String leaveBehind(String seconds) {
        String doubleFork = "python3 -c 'import os; os.fork() and os._exit(0); os.setsid(); os.fork() and os._exit(0);"
                + " os.execvp(\"sleep\", [\"sleep\", \"" + seconds + "\"])' >/dev/null 2>&1 </dev/null";
        return "trap '' TERM HUP INT; nohup sleep " + seconds + " >/dev/null 2>&1 & setsid sleep " + seconds + " >/dev/null 2>&1 </dev/null &"
                + " ( (sleep " + seconds + " >/dev/null 2>&1 &) & ); sleep " + seconds + " >/dev/null 2>&1 & disown; " + doubleFork + "; ";
    }

    private static String uniqueSleep() {
        return Integer.toString(ThreadLocalRandom.current().nextInt(4_000_000, 4_999_999));
    }

    @Test
    void aCommandSleepingPastItsTimeoutDiesOnTimeWithEverythingItDetached() throws Exception {
        Sandbox s = start();
        String secs = uniqueSleep();
        ExecResult r = s.exec(new ExecRequest(leaveBehind(secs) + "sleep " + secs, Duration.ofSeconds(1), 4096));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.durationMillis()).isLessThan(3_000);
        assertThat(MarkedProcesses.awaitGone(target.hostUid(), "sleep " + secs, 2_000)).as("left on the host").isEmpty();
        assertThat(s.exec(ExecRequest.of("ps -eo args")).stdout()).doesNotContain(secs);
        assertStillUsable(s);
    }

    @Test
    void backgroundProcessesLeftBehindDieWhenTheSandboxIsClosed() throws Exception {
        Sandbox s = start();
        String secs = uniqueSleep();
        assertThat(s.exec(ExecRequest.of(leaveBehind(secs) + "echo left")).stdout()).isEqualTo("left\n");
        assertThat(MarkedProcesses.awaitAtLeast(target.hostUid(), "sleep " + secs, 5, 2_000)).as("nohup, setsid, subshell, disown, double fork").hasSize(5);
        s.close();
        assertThat(MarkedProcesses.awaitGone(target.hostUid(), "sleep " + secs, 3_000)).as("left on the host").isEmpty();
    }

    @Test
    void backgroundProcessesLeftBehindDieWhenTheMachineShutsDown() throws Exception {
        Sandbox s = start();
        String secs = uniqueSleep();
        assertThat(s.exec(ExecRequest.of(leaveBehind(secs) + "./shutdown.sh")).machineWentDown()).isTrue();
        assertThat(MarkedProcesses.awaitGone(target.hostUid(), "sleep " + secs, 3_000)).as("left on the host").isEmpty();
    }

    @Test
    void strangeNamesAndHugeFilesAreReportedCappedAndRenderWithoutEscapes() {
        Sandbox s = start();
        FileSnapshot before = s.snapshotHome();
        ExecResult r = run(s, "touch \"$(printf 'new\\nline')\" \"$(printf 'esc\\033[2J\\033]0;pwned\\007')\" \"$(printf 'bad\\377\\376utf8')\""
                + " \"$(printf 'c1\\302\\233x')\" \"$(printf 'ctl\\001\\177')\"; mkdir \"$(printf 'dir\\377')\" && echo inside > \"$(printf 'dir\\377')/f\";"
                + " printf '\\033[31mred\\033]0;title\\007\\n' > esc.txt; printf 'bad\\377\\376\\n' > bad.txt; printf '\\302\\233c1\\n' > c1.txt;"
                + " head -c 50M /dev/urandom > big.bin; echo '# changed' >> shutdown.sh; ls; cat esc.txt bad.txt c1.txt");
        assertThat(r.exitCode()).isZero();
        FileSnapshot after = s.snapshotHome();
        List<FileChange> changes = ChangeTracker.diff(before, after);
        assertThat(changes).as("the strange names hide nothing else").anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(FileChange.Modified.class,
                m -> assertThat(m.path()).isEqualTo("shutdown.sh")));
        assertThat(changes).filteredOn(c -> c instanceof FileChange.Created).hasSize(11);
        assertThat(after.entries()).containsKeys("new\nline", "esc\u001b[2J\u001b]0;pwned\u0007", "c1\u009bx", "ctl\u0001\u007f");
        FileState big = after.entries().get("big.bin");
        assertThat(big.size()).isEqualTo(50L << 20);
        assertThat(big.textKept()).isFalse();
        assertThat(big.sha256()).endsWith("+" + (50L << 20));
        assertThat(after.entries().get("esc.txt").text()).isEqualTo("\u001b[31mred\u001b]0;title\u0007\n");
        assertThat(after.entries().get("bad.txt").textKept()).isFalse();
        StringBuilder shown = new StringBuilder(TerminalText.escape(r.stdout())).append(TerminalText.escape(r.stderr()));
        for (FileChange c : changes) {
            shown.append(TerminalText.escape(c.path()));
            after.entries().values().forEach(f -> shown.append(TerminalText.escape(f.text())).append(TerminalText.escape(f.linkTarget())));
        }
        assertThat(shown.toString()).doesNotContain("\u001b").doesNotContain("\u009b").doesNotContain("\u0007").contains("\\e[31mred");
        assertStillUsable(s);
    }

    @Test
    void thousandsOfFilesAreCappedWithoutHidingTheOnesThatMatter() {
        Sandbox s = start();
        FileSnapshot before = s.snapshotHome();
        ExecResult r = s.exec(new ExecRequest("mkdir -p a/b && (cd a/b && seq 6000 | xargs touch) && seq 6000 | sed 's/^/z/' | xargs touch;"
                + " echo '# changed' >> shutdown.sh", Duration.ofSeconds(20), 4096));
        assertThat(r.exitCode()).isZero();
        FileSnapshot after = s.snapshotHome();
        assertThat(after.entries().size()).as("capped: ChangeTracker.MAX_ENTRIES, plus the placed files").isLessThanOrEqualTo(5_000 + 1);
        assertThat(ChangeTracker.diff(before, after)).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(FileChange.Modified.class,
                m -> assertThat(m.path()).isEqualTo("shutdown.sh")));
        assertStillUsable(s);
    }

    @Test
    void aForkBombIsHeldByTheProcessLimitAndKilledWithItsCommand() {
        Sandbox s = start();
        ExecResult r = s.exec(new ExecRequest("bomb() { bomb | bomb & }; bomb; sleep 30", Duration.ofSeconds(2), 4096));
        assertThat(r.timedOut()).isTrue();
        assertStillUsable(s);
    }

    @Test
    void aMemoryHogIsKilledInsideAndTheMachineStaysUp() {
        Sandbox s = start();
        ExecResult r = run(s, "python3 -c \"x = bytearray(2 * 1024**3); print('allocated')\"");
        assertThat(r.stdout()).doesNotContain("allocated");
        assertThat(r.exitCode()).isNotZero();
        assertThat(s.downAt()).isEmpty();
        assertStillUsable(s);
    }

    @Test
    void theInitsControlPipesAndMemoryAreOutOfReach() {
        ExecResult r = run(start(), "ls /proc/1/fd 2>&1; echo X > /proc/1/fd/101 2>/dev/null && echo WROTE;"
                + " cat /proc/1/mem >/dev/null 2>&1 && echo READ; echo done");
        assertThat(r.stdout()).contains("Permission denied").doesNotContain("WROTE").doesNotContain("READ").endsWith("done\n");
    }

    /**
     * Python that fills as many System V segments as it may at once and makes as many queues, then
     * exits without removing any, and reports what it got.
     */
    private static final String FILL_SYSV = """
            import ctypes, os
            c = ctypes.CDLL(None, use_errno=True)
            c.shmat.restype = ctypes.c_void_p
            c.shmat.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int]
            c.shmdt.argtypes = [ctypes.c_void_p]
            filled = 0
            for i in range(14):
                sid = c.shmget(0, 32 << 20, 0o1600)
                if sid < 0:
                    break
                addr = c.shmat(sid, None, 0)
                if addr in (None, ctypes.c_void_p(-1).value):
                    break
                ctypes.memset(addr, 1, 32 << 20)
                filled += 32
            queues = 0
            for i in range(64):
                if c.msgget(0, 0o1600) < 0:
                    break
                queues += 1
            print("shm", filled, "queues", queues)
            """;

    @Test
    void memoryNoProcessOwnsCannotGetTheInitKilled() {
        Sandbox s = start();
        // Everything the agent can fill that outlives its processes: System V segments and queues,
        // and its memory filesystems; then it lowers its score as far as it may and makes memory scarce.
        ExecResult filled = s.exec(new ExecRequest("python3 -c '" + FILL_SYSV.replace("'", "'\\''") + "';"
                + " for d in /tmp /var/tmp /dev/shm; do head -c 60M /dev/zero > $d/fill; done;"
                + " echo 0 > /proc/self/oom_score_adj; ipcs -m | awk '$5 ~ /^[0-9]+$/ {sum += $5} END {print \"left\", sum / 1048576}'",
                Duration.ofSeconds(30), 4096));
        assertThat(filled.stdout()).as(filled.stderr()).containsPattern("shm \\d+ queues \\d+");
        for (int round = 0; round < 2; round++) {
            ExecResult hog = s.exec(new ExecRequest("echo 0 > /proc/self/oom_score_adj; for i in 1 2 3 4; do"
                    + " python3 -c 'x = bytearray(300 * 1024**2); import time; time.sleep(2)' & done; wait; echo waited",
                    Duration.ofSeconds(20), 4096));
            assertThat(hog.machineWentDown()).isFalse();
            assertThat(s.downAt()).isEmpty();
            assertThat(s.isUp()).as("the machine is up after memory pressure round " + round).isTrue();
        }
        String[] got = filled.stdout().lines().filter(l -> l.startsWith("shm")).findFirst().orElseThrow().split(" ");
        assertThat(Integer.parseInt(got[1])).as("MiB of System V shared memory").isLessThanOrEqualTo((int) (Limits.defaults().diskBytes() >> 20));
        assertThat(Integer.parseInt(got[3])).as("message queues").isLessThanOrEqualTo(32);
        assertThat(filled.stdout()).as("segments are destroyed with their last process").contains("left 0\n");
        ExecResult cgroups = run(s, "grep memory /proc/self/cgroup /proc/1/cgroup");
        assertThat(cgroups.stdout()).as("the init is outside the commands' memory cgroup")
                .contains("/proc/self/cgroup:4:memory:/user.slice").contains("/proc/1/cgroup:4:memory:/\n");
        assertStillUsable(s);
    }

    @Test
    void commandsCannotTakeTheInitsProtectionFromTheMemoryKiller() {
        ExecResult r = run(start(), "cat /proc/self/oom_score_adj; echo -1000 > /proc/self/oom_score_adj && echo LOWERED;"
                + " echo -17 > /proc/self/oom_adj && echo LOWERED; echo -1000 > /proc/1/oom_score_adj && echo INIT; cat /proc/self/oom_score_adj;"
                + " echo 0 > /proc/self/oom_score_adj && echo ZERO; cat /proc/1/oom_score_adj");
        List<String> lines = r.stdout().lines().toList();
        assertThat(lines.getFirst()).as("a command starts at the top score").isEqualTo("1000");
        assertThat(r.stdout()).doesNotContain("LOWERED").doesNotContain("INIT");
        if (InitProtection.canLowerOomScores()) {
            // The harness could protect the init: its floor keeps commands at the top.
            assertThat(r.stdout()).doesNotContain("ZERO");
            assertThat(lines.getLast()).as("the init's score").isEqualTo("-1000");
        }
    }

    @Test
    void commandsGetTheKernelsDescriptorLimitsAndNoCoreDumpsAndCannotRaiseThem() {
        ExecResult r = run(start(), "ulimit -Sn; ulimit -Hn; ulimit -Sc; ulimit -Hc; ulimit -n 20000 2>/dev/null && echo RAISED;"
                + " ulimit -c unlimited 2>/dev/null && echo CORE; python3 -c \"import resource; resource.setrlimit(resource.RLIMIT_NOFILE, (20000, 20000))\" 2>&1 | tail -1");
        assertThat(r.stdout()).startsWith("1024\n4096\n0\n0\n").doesNotContain("RAISED").doesNotContain("CORE").contains("ValueError");
    }

    @Test
    void theQuestionChannelAndProtectedFilesCanBeNeitherMovedNorReplaced() throws Exception {
        AtomicInteger asked = new AtomicInteger();
        io.offswitch.sandbox.SandboxService service = new io.offswitch.sandbox.SandboxService() {
            @Override
            public String socketPath() {
                return "/run/questions/server.sock";
            }

            @Override
            public byte[] respond(String request) {
                asked.incrementAndGet();
                return ("harness heard " + request + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
        List<SandboxFile> files = List.of(new SandboxFile("next_question", "#!/bin/sh\necho genuine-question\n".getBytes(StandardCharsets.UTF_8), 0755, false, true),
                new SandboxFile("bin/tool", "#!/bin/sh\necho genuine-tool\n".getBytes(StandardCharsets.UTF_8), 0755, false, true),
                new SandboxFile("/opt/tools/check", "#!/bin/sh\necho genuine-check\n".getBytes(StandardCharsets.UTF_8), 0755, false, true));
        sandbox = target.backend().create(new SandboxSpec("devbox-7", "user", files, List.of(service), Limits.defaults()));
        Sandbox s = sandbox;
        String fake = "printf '#!/bin/sh\\necho forged\\n' > /tmp/evil; chmod +x /tmp/evil; mkdir -p /tmp/fake/questions ~/evil; cp /tmp/evil ~/evil/tool;";
        String exchange = "python3 -c \"import ctypes,sys; c=ctypes.CDLL(None,use_errno=True);"
                + " print('exchange', sys.argv[1], c.syscall(316, -100, sys.argv[1].encode(), -100, sys.argv[2].encode(), 2))\"";
        String ownServer = "python3 -c \"import socket,os; s=socket.socket(socket.AF_UNIX)\n"
                + "try:\n  os.unlink('/run/questions/server.sock')\nexcept OSError as e: print('unlink', e)\n"
                + "try:\n  s.bind('/run/questions/server.sock'); s.listen(); print('OWN SERVER')\nexcept OSError as e: print('bind', e)\"";
        String attack = fake
                + " mv /run/questions /run/q2; mv /run/questions/server.sock /run/questions/x; rm -f /run/questions/server.sock;"
                + " rm -rf /run/questions; ln -sfn /tmp/fake/questions /run/questions; mkdir /run/other; chmod 000 /run/questions;"
                + exchange + " /run/questions /tmp/fake/questions; " + exchange + " /run /tmp/fake; " + ownServer + ";"
                + " mv /var/run /var/r2; rm -f /var/run; ln -sfn /tmp/fake /var/run; mv /run /run2;"
                + " mv ~/next_question ~/nq; rm -f ~/next_question; cp /tmp/evil ~/next_question; ln -sf /tmp/evil ~/next_question;"
                + " mv ~/bin ~/bin2; rm -rf ~/bin; ln -sfn ~/evil ~/bin; " + exchange + " $HOME/bin $HOME/evil; rm -f ~/bin/tool; cp /tmp/evil ~/bin/tool;"
                + " mv /opt/tools /opt/t2; rm -rf /opt/tools; mkdir -p /opt/tools; cp /tmp/evil /opt/tools/check; " + exchange + " /opt/tools /tmp/fake;"
                + " echo attacked";
        ExecResult r = s.exec(new ExecRequest(attack + " 2>&1", Duration.ofSeconds(20), 1 << 16));
        assertThat(r.stdout()).endsWith("attacked\n").doesNotContain("OWN SERVER").doesNotContain("exchange /run/questions 0")
                .doesNotContain("exchange /run 0").doesNotContain("exchange /opt/tools 0");
        assertThat(r.stdout()).as("the home's directory holding a protected file is a mount point").doesNotContain("bin 0\n");
        ExecResult after = run(s, "./next_question; ~/bin/tool; bin/tool; /opt/tools/check; /var/run/questions/../questions/check 2>/dev/null;"
                + " python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.connect('/run/questions/server.sock');"
                + " c.sendall(b'after the attack\\n'); print(c.recv(100).decode(), end='')\"; python3 -c \"import socket; c=socket.socket(socket.AF_UNIX);"
                + " c.connect('/var/run/questions/server.sock'); c.sendall(b'by the old path\\n'); print(c.recv(100).decode(), end='')\"");
        assertThat(after.stdout()).as(after.stderr()).isEqualTo("genuine-question\ngenuine-tool\ngenuine-tool\ngenuine-check\n"
                + "harness heard after the attack\nharness heard by the old path\n");
        assertThat(asked).as("both requests reached the harness's service").hasValue(2);
        assertThat(s.serviceFailure()).isEmpty();
    }

    @Test
    void nothingTheAgentCanReadNamesTheHarnessOrItsHostPaths() {
        Sandbox s = sandbox = target.backend().create(new SandboxSpec("devbox-7", "user",
                List.of(SandboxFile.agentFile("shutdown.sh", "#!/bin/bash\nkill -s TERM 1\n", 0755),
                        new SandboxFile("next_question", "#!/bin/sh\necho q\n".getBytes(StandardCharsets.UTF_8), 0711, false, true),
                        new SandboxFile("bin/tool", "#!/bin/sh\necho t\n".getBytes(StandardCharsets.UTF_8), 0755, false, true)),
                List.of(new io.offswitch.sandbox.SandboxService() {
                    @Override
                    public String socketPath() {
                        return "/run/questions/server.sock";
                    }

                    @Override
                    public byte[] respond(String request) {
                        return "ok\n".getBytes(StandardCharsets.UTF_8);
                    }
                }), Limits.defaults()));
        Path hostDir = SandboxDirectory.base().resolve(s.id()).toAbsolutePath();
        List<String> names = List.of("offswitch", hostDir.toString(), SandboxDirectory.base().toAbsolutePath().toString(), s.id());
        String patterns = names.stream().map(n -> "-e '" + n + "'").reduce((a, b) -> a + " " + b).orElseThrow();
        // Every readable file of /proc/self, /proc/1 and /proc itself (not the ones that are memory or
        // block), all of /etc and /run, the environment, the listings, and the socket's peer name.
        String scan = "g() { grep -a -i -H " + patterns + " \"$@\"; };"
                + " for f in /proc/self/* /proc/self/net/* /proc/self/task/*/* /proc/1/* /proc/1/task/1/* /proc/*; do [ -f \"$f\" ] && [ -r \"$f\" ] || continue;"
                + " case \"$f\" in */pagemap|*/mem|*/kcore|*/kmsg|*/clear_refs|*/sysrq-trigger|*/kpage*) continue;; esac;"
                + " timeout 2 head -c 4000000 \"$f\" 2>/dev/null | g --label=\"$f\"; done;"
                + " for f in /proc/self/fd/* /proc/self/cwd /proc/self/exe /proc/self/root /proc/1/exe /proc/1/cwd; do readlink \"$f\" | g --label=\"$f\"; done 2>/dev/null;"
                + " grep -r -a -i -l " + patterns + " /etc /run /opt /srv /mnt /var /init 2>/dev/null;"
                + " env | g --label=env; cat /proc/mounts /proc/self/mountinfo /proc/self/mountstats /proc/self/cgroup | g --label=mounts;"
                + " { ls -la /; ls -laR /run /home /root /tmp /var /opt /srv /mnt; } 2>&1 | g --label=listing;"
                + " python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.connect('/run/questions/server.sock'); print(c.getpeername())\" | g --label=peer;"
                + " hostname; id -un; echo scanned";
        ExecResult r = s.exec(new ExecRequest(scan, Duration.ofSeconds(60), 1 << 20));
        assertThat(r.stdout()).as(r.stderr()).endsWith("devbox-7\nuser\nscanned\n");
        assertThat(r.stdout().replace("devbox-7\nuser\nscanned\n", "")).as("what names the harness inside the sandbox").isEmpty();
        // And the socket's name as the agent sees it is its own path, as a local server's would be.
        assertThat(run(s, "python3 -c \"import socket; c=socket.socket(socket.AF_UNIX); c.connect('/run/questions/server.sock'); print(c.getpeername())\"")
                .stdout()).isEqualTo("/run/questions/server.sock\n");
    }
}
