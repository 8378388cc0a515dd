package io.offswitch.doctor;

import io.offswitch.sandbox.NativeProgram;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Bubblewrap: installed, and able to start a sandbox with all namespaces as an unprivileged user. */
final class SandboxChecks {
    static final String BWRAP = "bubblewrap";
    static final String LAUNCHER = "sandbox launcher";
    static final String SANDBOX = "bubblewrap sandbox";
    /** The toolbox's name for sandbox-launch: a test puts a path there instead of the compiled one. */
    static final String LAUNCH_PROGRAM = "sandbox-launch";
    private static final List<String> NAMESPACES = List.of("user", "pid", "net", "ipc", "uts", "mnt");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String INSTALL_BWRAP = "apt-get install -y bubblewrap";
    private static final String ENABLE_USERNS = "allow unprivileged user namespaces:"
            + " sysctl -w kernel.unprivileged_userns_clone=1 user.max_user_namespaces=15000"
            + " (Ubuntu 24.04+ also: sysctl -w kernel.apparmor_restrict_unprivileged_userns=0);"
            + " inside a container, start it with --privileged or a seccomp profile that allows unshare";

    private final Toolbox tools;

    SandboxChecks(Toolbox tools) {
        this.tools = tools;
    }

    CheckResult bubblewrap() {
        var r = Commands.run(List.of(tools.bin("bwrap"), "--version"), TIMEOUT);
        if (r.succeeded()) {
            return CheckResult.ok(BWRAP, r.firstLine());
        }
        return CheckResult.fail(BWRAP, "bwrap --version failed: " + r.describe(), INSTALL_BWRAP);
    }

    /**
     * sandbox-launch, which every bubblewrap sandbox starts through (its own session; as root the
     * cgroups, the IPC limits and the drop to the agent's uid): built from its source as a run builds
     * it, and run once.
     */
    CheckResult launcher() {
        String fix = "apt-get install -y gcc libc6-dev";
        String path;
        try {
            path = launcherPath();
        } catch (RuntimeException e) {
            return CheckResult.fail(LAUNCHER, "cannot build sandbox-launch: " + e.getMessage(), fix);
        }
        var r = Commands.run(List.of(path, "--", "true"), TIMEOUT);
        if (!r.succeeded()) {
            return CheckResult.fail(LAUNCHER, "sandbox-launch (" + path + ") did not run: " + r.describe(), fix);
        }
        return CheckResult.ok(LAUNCHER, "sandbox-launch built and runs (" + path + ")");
    }

    /** The compiled sandbox-launch, or the path a test put in the toolbox instead. */
    private String launcherPath() {
        if (tools.binaries().containsKey(LAUNCH_PROGRAM)) {
            return tools.bin(LAUNCH_PROGRAM);
        }
        return NativeProgram.compiled(BwrapBackend.LAUNCH_SOURCE).toString();
    }

    /**
     * Starts a real sandbox that prints its uid and namespace ids, and compares them with ours: every
     * namespace must be new, and the uid inside must not be 0.
     */
    CheckResult sandbox() {
        List<String> command;
        try {
            command = sandboxCommand();
        } catch (RuntimeException e) {
            return CheckResult.fail(SANDBOX, "could not run the probe: cannot build sandbox-launch: " + e.getMessage(), "apt-get install -y gcc libc6-dev");
        }
        var r = Commands.run(command, TIMEOUT);
        if (!r.started()) {
            return CheckResult.fail(SANDBOX, "could not start sandbox-launch for the probe: " + r.describe(), "apt-get install -y gcc libc6-dev");
        }
        // 125 with "cannot run": sandbox-launch could not exec bwrap.
        if (r.exitCode() == 125 && r.output().contains("sandbox-launch: cannot run")) {
            return CheckResult.fail(SANDBOX, "could not run the probe: " + r.describe(), INSTALL_BWRAP);
        }
        if (r.output().contains("Unknown option")) {
            return CheckResult.fail(SANDBOX, "this bubblewrap is too old for the options offswitch uses: " + r.describe(),
                    "install bubblewrap 0.7 or newer (Debian 12 ships 0.8): apt-get install -y bubblewrap");
        }
        if (!r.succeeded()) {
            return CheckResult.fail(SANDBOX, "bubblewrap could not start a sandbox with user, pid, net, ipc, uts and"
                    + " mount namespaces" + asWhom() + ": " + r.describe(), ENABLE_USERNS);
        }
        List<String> lines = r.output().strip().lines().toList();
        if (lines.size() != 1 + NAMESPACES.size()) {
            return CheckResult.fail(SANDBOX, "unexpected output from the probe sandbox: " + r.output().strip(), ENABLE_USERNS);
        }
        if (lines.getFirst().equals("0")) {
            return CheckResult.fail(SANDBOX, "the command inside the sandbox ran as uid 0; it must be unprivileged",
                    "run offswitch as a normal user, or find out why sandbox-launch --user " + Toolbox.PROBE_UID + " did not drop root");
        }
        List<String> shared = new ArrayList<>();
        for (int i = 0; i < NAMESPACES.size(); i++) {
            String ns = NAMESPACES.get(i);
            if (lines.get(i + 1).equals(hostNamespace(ns))) {
                shared.add(ns);
            }
        }
        if (!shared.isEmpty()) {
            return CheckResult.fail(SANDBOX, "the sandbox shares these namespaces with the host: " + shared, ENABLE_USERNS);
        }
        return CheckResult.ok(SANDBOX, "new user, pid, net, ipc, uts and mount namespaces; command ran as uid "
                + lines.getFirst() + asWhom());
    }

    private String asWhom() {
        return tools.root() ? " (root dropped to uid " + Toolbox.PROBE_UID + " by sandbox-launch)" : "";
    }

    List<String> sandboxCommand() {
        // Started as a run starts its sandboxes: through sandbox-launch, which as root drops to the uid.
        List<String> cmd = new ArrayList<>(List.of(launcherPath()));
        if (tools.root()) {
            cmd.addAll(List.of("--user", Integer.toString(Toolbox.PROBE_UID)));
        }
        cmd.add("--");
        cmd.addAll(List.of(tools.bin("bwrap"), "--unshare-all", "--unshare-user", "--die-with-parent",
                "--ro-bind", "/usr", "/usr"));
        cmd.addAll(systemDirs());
        // A size-limited /tmp, as sandboxes get (--size needs bubblewrap 0.7+).
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev", "--size", "1048576", "--tmpfs", "/tmp", "--chdir", "/", "--as-pid-1",
                "/usr/bin/sh", "-c", "id -u; for n in " + String.join(" ", NAMESPACES) + "; do readlink /proc/self/ns/$n; done"));
        return cmd;
    }

    /** /bin, /lib... are symlinks into /usr on merged-/usr systems, real directories elsewhere. */
    private static List<String> systemDirs() {
        List<String> args = new ArrayList<>();
        for (String dir : List.of("/bin", "/sbin", "/lib", "/lib64")) {
            Path p = Path.of(dir);
            try {
                if (Files.isSymbolicLink(p)) {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(p).toString(), dir));
                } else if (Files.isDirectory(p)) {
                    args.addAll(List.of("--ro-bind", dir, dir));
                }
            } catch (IOException e) {
                // Unreadable link: leave it out; the probe then fails and reports the real error.
            }
        }
        return args;
    }

    private static String hostNamespace(String ns) {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self/ns", ns)).toString();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
