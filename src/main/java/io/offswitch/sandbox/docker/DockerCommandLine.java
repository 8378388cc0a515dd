package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import io.offswitch.sandbox.bwrap.ServiceSockets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The `docker run` for one sandbox, mirroring bwrap's: no network, no capabilities, a read-only root
 * with the host's system read-only, the sandbox's own /etc files, size-limited memory filesystems, a
 * writable home bound from the host, and our init as PID 1 talking over the client's stdin/stdout.
 * The container lands in the cgroup {@value #CGROUP_PARENT}/ID so the harness can freeze it directly.
 */
final class DockerCommandLine {
    static final String CGROUP_PARENT = "offswitch-docker";

    private DockerCommandLine() {}

    static List<String> build(DockerCli docker, String name, String image, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services,
            Path init, int uid, Map<String, String> env) {
        String disk = Long.toString(spec.limits().diskBytes());
        String memory = Long.toString(spec.limits().memoryBytes());
        List<String> cmd = new ArrayList<>(docker.command("run", "-i", "--rm", "--name", name, "--cidfile", dir.root.resolve("cid").toString(),
                "--log-driver", "none", "--network", "none", "--user", uid + ":" + uid, "--hostname", spec.hostname(),
                "--read-only", "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--ipc", "private",
                "--memory", memory, "--memory-swap", memory, "--pids-limit", Integer.toString(spec.limits().maxProcesses()),
                "--cgroup-parent", CGROUP_PARENT, "--shm-size", disk,
                "--tmpfs", "/tmp:rw,nosuid,nodev,exec,size=" + disk + ",mode=1777",
                "--tmpfs", "/var/tmp:rw,nosuid,nodev,exec,size=" + disk + ",mode=1777",
                "--tmpfs", "/run:rw,nosuid,nodev,size=1m,mode=755",
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
        for (String f : List.of("passwd", "group", "hostname", "hosts", "profile")) {
            cmd.addAll(List.of("-v", dir.etc.resolve(f) + ":/etc/" + f + ":ro"));
        }
        cmd.addAll(List.of("-v", dir.home + ":" + spec.home()));
        for (String[] mount : dir.protectedMounts) {
            cmd.addAll(List.of("-v", mount[0] + ":" + mount[1] + ":ro"));
        }
        for (String[] mount : services.mounts) {
            cmd.addAll(List.of("-v", mount[0] + ":" + mount[1]));
        }
        env.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.addAll(List.of("-v", init + ":/init:ro", "--workdir", spec.home(), "--entrypoint", "/init", image));
        return cmd;
    }
}
