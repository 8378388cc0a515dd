package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bwrap invocation for one sandbox: every namespace unshared (no network: only a loopback), the
 * system read-only, its own passwd/group/hostname, a writable home bound from the host, and our init
 * as PID 1, all started through sandbox-launch (one program, see its source): a session of its own;
 * as root it joins the sandbox's cgroups first, so the cgroup namespace bwrap makes is rooted at the
 * sandbox's own cgroup and /proc/self/cgroup shows "/"; makes the IPC namespace with its limits (root
 * owns those, so bwrap does not unshare IPC again); and drops to the agent's uid, because bwrap
 * started by root keeps root's file rights inside even with --uid.
 *
 * <p>Everything bwrap makes itself (the root, /dev, /home, /root) belongs to the agent's uid, the only
 * one mapped; so those are remounted read-only once built, and /run is the harness's directory bound
 * read-only: nothing the harness relies on can be renamed, removed or replaced from inside.
 */
final class BwrapCommandLine {
    private BwrapCommandLine() {}

    /**
     * @param launcher    the compiled sandbox-launch
     * @param cgroupProcs the cgroup.procs files of the sandbox's cgroups (root with cgroups only)
     * @param view        the clean mount view to start from (root only; see {@link MountView})
     */
    static List<String> build(SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Path launcher, List<Path> cgroupProcs, boolean asRoot,
            java.util.Optional<MountView> view) {
        List<String> cmd = new ArrayList<>(List.of(launcher.toString()));
        for (Path procs : cgroupProcs) {
            cmd.addAll(List.of("--cgroup", procs.toString()));
        }
        if (asRoot) {
            view.ifPresent(v -> cmd.addAll(v.launchArguments(dir.root)));
        }
        if (asRoot) {
            for (String[] sysctl : InitProtection.ipcSysctls(spec.limits())) {
                cmd.addAll(List.of("--ipc-sysctl", sysctl[0] + "=" + sysctl[1]));
            }
            cmd.addAll(List.of("--user", Integer.toString(SandboxDirectory.hostUid())));
        }
        cmd.add("--");
        cmd.addAll(List.of("bwrap",
                "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"));
        if (!asRoot) {
            cmd.add("--unshare-ipc"); // as root the launcher made the IPC namespace, with its limits
        }
        cmd.addAll(List.of(
                "--uid", "1000", "--gid", "1000", "--hostname", spec.hostname(),
                "--die-with-parent", "--as-pid-1", "--new-session", "--cap-drop", "ALL", "--disable-userns",
                "--ro-bind", "/usr", "/usr"));
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path p = Path.of("/", top);
            if (Files.isSymbolicLink(p)) {
                cmd.addAll(List.of("--symlink", "usr/" + top, "/" + top));
            } else if (Files.isDirectory(p)) {
                cmd.addAll(List.of("--ro-bind", p.toString(), p.toString()));
            }
        }
        cmd.addAll(List.of("--ro-bind", "/etc", "/etc"));
        for (String f : List.of("passwd", "group", "hostname", "hosts", "profile")) {
            cmd.addAll(List.of("--ro-bind", dir.etc.resolve(f).toString(), "/etc/" + f));
        }
        // Every writable filesystem is memory: each gets a size, or one could fill the machine's RAM.
        String tmpSize = Long.toString(spec.limits().diskBytes());
        String small = Long.toString(1 << 20);
        cmd.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        cmd.addAll(scratch("/dev/shm", dir, tmpSize));
        cmd.addAll(scratch("/tmp", dir, tmpSize));
        cmd.add("--dir");
        cmd.add("/var");
        cmd.addAll(scratch("/var/tmp", dir, tmpSize));
        cmd.addAll(List.of("--symlink", "../run", "/var/run",
                "--ro-bind", dir.run.toString(), "/run", "--dir", "/opt", "--dir", "/srv", "--dir", "/mnt",
                "--size", small, "--tmpfs", "/home", "--bind", dir.home.toString(), spec.home()));
        for (String[] anchor : dir.anchors) {
            cmd.addAll(List.of("--bind", anchor[0], anchor[1]));
        }
        for (String[] lock : dir.lockMounts) {
            cmd.addAll(List.of(lock[2].equals("ro") ? "--ro-bind" : "--bind", lock[0], lock[1]));
        }
        cmd.addAll(List.of("--perms", "0700", "--size", small, "--tmpfs", "/root"));
        for (String[] mount : dir.protectedMounts) {
            cmd.addAll(List.of("--ro-bind", mount[0], mount[1]));
        }
        // Data volumes last but the init: one may sit below the home, whose bind must come first. A
        // copy-on-write volume is mounted in the home's host directory already, and comes with its bind.
        for (io.offswitch.sandbox.DataVolume v : spec.volumes().stream().filter(v -> !v.copyOnWrite()).toList()) {
            cmd.addAll(List.of("--ro-bind", v.hostDirectory().toString(), v.mountPoint()));
        }
        cmd.addAll(List.of("--ro-bind", dir.init.toString(), "/init"));
        for (String top : List.of("/", "/dev", "/home", "/root")) {
            cmd.addAll(List.of("--remount-ro", top));
        }
        cmd.addAll(List.of("--chdir", spec.home(), "/init"));
        return cmd;
    }

    /** A scratch filesystem: the one the sandbox directory made (bounded in files too, as root), else bwrap's own. */
    private static List<String> scratch(String path, SandboxDirectory dir, String size) {
        Path made = dir.scratch.get(path);
        return made != null ? List.of("--bind", made.toString(), path) : List.of("--size", size, "--tmpfs", path);
    }
}
