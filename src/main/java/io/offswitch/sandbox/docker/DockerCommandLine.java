package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.bwrap.CommandCgroup;
import io.offswitch.sandbox.bwrap.InitProtection;
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The `docker run` for one sandbox, mirroring bwrap's: no network, no capabilities, a read-only root
 * with the host's system read-only, the sandbox's own /etc files, size-limited memory filesystems, a
 * writable home bound from the host, and our init as PID 1 talking over the client's stdin/stdout.
 * The container lands in the cgroup {@value #CGROUP_PARENT}/ID so the harness can freeze it directly;
 * its own cgroup namespace hides that name. /run is the harness's directory, bound read-only, and
 * every bind comes from the sandbox's tmpfs directories, so the mount table names no host path.
 */
final class DockerCommandLine {
    static final String CGROUP_PARENT = "offswitch-docker";

    private DockerCommandLine() {}

    static List<String> build(DockerCli docker, String name, String image, SandboxSpec spec, SandboxDirectory dir, int uid, Map<String, String> env) {
        String disk = Long.toString(spec.limits().diskBytes());
        // The container's cgroup holds the init; the agent's commands get the limit in a child of it.
        String memory = Long.toString(spec.limits().memoryBytes() + CommandCgroup.INIT_ROOM);
        List<String> cmd = new ArrayList<>(docker.command("run", "-i", "--rm", "--name", name, "--cidfile", dir.root.resolve("cid").toString(),
                "--log-driver", "none", "--network", "none", "--user", uid + ":" + uid, "--hostname", spec.hostname(),
                "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--ipc", "private",
                "--memory", memory, "--memory-swap", memory, "--pids-limit", Integer.toString(spec.limits().maxProcesses()),
                "--cgroup-parent", CGROUP_PARENT, "--cgroupns", "private",
                "--ulimit", "nofile=" + Limits.OPEN_FILES + ":" + Limits.OPEN_FILES_HARD, "--ulimit", "core=0:0",
                // Bounded in files too (nr_inodes), as bwrap's: /dev/shm as a tmpfs of ours, since --shm-size bounds only its size.
                "--tmpfs", "/tmp:rw,nosuid,nodev,exec,size=" + disk + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=1777",
                "--tmpfs", "/var/tmp:rw,nosuid,nodev,exec,size=" + disk + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=1777",
                "--tmpfs", "/dev/shm:rw,nosuid,nodev,noexec,size=" + disk + ",nr_inodes=" + Limits.FILES_PER_DISK + ",mode=1777",
                "--tmpfs", "/home:rw,nosuid,nodev,size=1m,mode=755",
                "--tmpfs", "/root:rw,nosuid,nodev,size=1m,mode=700",
                "-v", "/usr:/usr:ro"));
        for (String top : BaseImage.TOP_LEVEL) {
            Path p = Path.of("/", top);
            if (!Files.isSymbolicLink(p) && Files.isDirectory(p)) {
                cmd.addAll(List.of("-v", p + ":" + p + ":ro"));
            }
        }
        cmd.addAll(List.of("-v", "/etc:/etc:ro"));
        for (String[] sysctl : InitProtection.ipcSysctls(spec.limits())) {
            cmd.addAll(List.of("--sysctl", sysctl[0] + "=" + sysctl[1]));
        }
        for (String f : List.of("passwd", "group", "hostname", "hosts", "profile", "resolv.conf")) {
            cmd.addAll(List.of("-v", dir.etc.resolve(f) + ":/etc/" + f + ":ro"));
        }
        // A lock of the whole home makes the home's own mount read-only (Docker takes one mount per place); its other parts are mounts of their own.
        boolean homeLocked = dir.lockMounts.stream().anyMatch(l -> l[1].equals(spec.home()));
        cmd.addAll(List.of("-v", dir.home + ":" + spec.home() + (homeLocked ? ":ro" : ""), "-v", dir.run + ":/run:ro"));
        for (String[] anchor : dir.anchors) {
            // Docker takes one mount per place: a place the lock mounts is a mount point already.
            if (dir.lockMounts.stream().noneMatch(l -> l[1].equals(anchor[1]))) {
                cmd.addAll(List.of("-v", anchor[0] + ":" + anchor[1]));
            }
        }
        for (String[] lock : dir.lockMounts) {
            if (!lock[1].equals(spec.home())) {
                cmd.addAll(List.of("-v", lock[0] + ":" + lock[1] + (lock[2].equals("ro") ? ":ro" : "")));
            }
        }
        for (String[] mount : dir.protectedMounts) {
            cmd.addAll(List.of("-v", mount[0] + ":" + mount[1] + ":ro"));
        }
        // A copy-on-write volume is mounted in the home's host directory already: the home's (recursive) bind carries it.
        for (io.offswitch.sandbox.DataVolume v : spec.volumes().stream().filter(v -> !v.copyOnWrite()).toList()) {
            cmd.addAll(List.of("--mount", "type=bind,src=" + v.hostDirectory() + ",dst=" + v.mountPoint() + ",readonly"));
        }
        env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.addAll(List.of("-v", dir.init + ":/init:ro", "--workdir", spec.home(), "--entrypoint", "/init", image));
        return cmd;
    }
}
