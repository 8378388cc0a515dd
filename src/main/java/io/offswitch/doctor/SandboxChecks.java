package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Bubblewrap: installed, and able to start a sandbox with all namespaces as an unprivileged user. */
final class SandboxChecks {
    static final String BWRAP = "bubblewrap";
    static final String SETPRIV = "setpriv";
    static final String SANDBOX = "bubblewrap sandbox";
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

    CheckResult setpriv() {
        var r = Commands.run(List.of(tools.bin("setpriv"), "--version"), TIMEOUT);
        if (r.succeeded()) {
            return CheckResult.ok(SETPRIV, r.firstLine() + (tools.root() ? "" : " (only needed when running as root)"));
        }
        if (!tools.root()) {
            return CheckResult.ok(SETPRIV, "not installed; only needed when running as root");
        }
        return CheckResult.fail(SETPRIV, "setpriv is needed to drop root before starting bwrap (bwrap started by root"
                + " keeps root's file rights inside): " + r.describe(), "apt-get install -y util-linux");
    }

    /**
     * Starts a real sandbox that prints its uid and namespace ids, and compares them with ours: every
     * namespace must be new, and the uid inside must not be 0.
     */
    CheckResult sandbox() {
        var r = Commands.run(sandboxCommand(), TIMEOUT);
        if (!r.started() || r.exitCode() == 127) { // 127: setpriv could not exec bwrap
            return CheckResult.fail(SANDBOX, "could not run the probe: " + r.describe(),
                    tools.root() ? "apt-get install -y bubblewrap util-linux" : INSTALL_BWRAP);
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
                    "run offswitch as root with setpriv installed (apt-get install -y util-linux), or as a normal user");
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
        return tools.root() ? " (root dropped to uid " + Toolbox.PROBE_UID + " with setpriv)" : "";
    }

    List<String> sandboxCommand() {
        List<String> cmd = new ArrayList<>();
        if (tools.root()) {
            cmd.addAll(List.of(tools.bin("setpriv"), "--reuid=" + Toolbox.PROBE_UID, "--regid=" + Toolbox.PROBE_UID,
                    "--clear-groups"));
        }
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
