package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.CommandCgroup;
import io.offswitch.sandbox.bwrap.InitProcessSandbox;
import io.offswitch.sandbox.bwrap.InitProtection;
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import io.offswitch.sandbox.bwrap.ServiceSockets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One Docker container running sandbox-init, talked to through the stdin/stdout of its `docker run -i`
 * client. Killing that client does not stop a container, so every way out goes through `docker rm -f`.
 */
final class DockerSandbox extends InitProcessSandbox {
    private static final long START_TIMEOUT_MS = 30_000;
    /** Containers not yet removed; a JVM exit removes them, or they would outlive the harness. */
    private static final Set<DockerSandbox> LIVE = ConcurrentHashMap.newKeySet();

    static {
        io.offswitch.JvmExit.onExit(() -> List.copyOf(LIVE).forEach(DockerSandbox::close));
    }

    private final DockerCli docker;
    private final String name;
    private volatile Path freezer;

    private DockerSandbox(DockerCli docker, String id, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Process process) {
        super(id, spec, dir, services, process);
        this.docker = docker;
        this.name = "offswitch-" + id;
    }

    static DockerSandbox start(DockerCli docker, String image, String id, SandboxSpec spec, Path init) {
        if (io.offswitch.JvmExit.exiting()) {
            throw new SandboxException("offswitch is exiting; no new sandboxes");
        }
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        int uid = asRoot ? SandboxDirectory.hostUid() : currentUid();
        SandboxDirectory dir = SandboxDirectory.create(id, spec, init, asRoot, uid);
        ServiceSockets services = null;
        DockerSandbox sandbox = null;
        try {
            services = new ServiceSockets(dir, spec.services(), asRoot);
            Map<String, String> env = initEnvironment(spec);
            ProcessBuilder pb = new ProcessBuilder(io.offswitch.sandbox.OwnSession.command(
                    DockerCommandLine.build(docker, "offswitch-" + id, image, spec, dir, uid, env)));
            pb.redirectError(dir.root.resolve("docker.log").toFile());
            // The client needs nothing of the harness's environment; the container gets only `env` above.
            pb.environment().keySet().retainAll(Set.of("PATH", "HOME"));
            sandbox = new DockerSandbox(docker, id, spec, dir, services, pb.start());
            LIVE.add(sandbox);
            sandbox.awaitReady(spec, asRoot);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            String log = sandbox != null ? sandbox.readLog() : "";
            if (sandbox != null) {
                sandbox.close();
            } else {
                if (services != null) {
                    services.close();
                }
                dir.close();
            }
            if (e instanceof SandboxException se && log.isBlank()) {
                throw se;
            }
            throw new SandboxException("could not start a Docker sandbox: " + e.getMessage() + (log.isBlank() ? "" : "\ndocker said: " + log)
                    + "\nIs dockerd running at " + docker.host() + "? (`docker -H " + docker.host() + " info`)", e);
        }
    }

    private static int currentUid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException e) {
            throw new SandboxException("cannot read this process's uid from /proc/self: " + e.getMessage(), e);
        }
    }

    private void awaitReady(SandboxSpec spec, boolean asRoot) throws IOException {
        awaitReady(START_TIMEOUT_MS);
        // The client writes the cid file once the container exists, which READY proves.
        String cid = Files.readString(dir.root.resolve("cid")).strip();
        Path path = Path.of("/sys/fs/cgroup/freezer", DockerCommandLine.CGROUP_PARENT, cid);
        freezer = Files.isWritable(path.resolve("freezer.state")) ? path : null;
        // The init waits for its first command, so it is the container's only process: protect it
        // from the memory killer as the bwrap backend does (runc's own setting would give every child
        // the init's floor). Its IPC limits came with `docker run --sysctl`.
        if (asRoot) {
            long init = initPid(cid, path);
            InitProtection.protectFromOomKiller(init);
            initWatch = io.offswitch.sandbox.bwrap.InitWatch.of(init);
            commandCgroup = CommandCgroup.create(CommandCgroup.memoryCgroupOf(init), init, spec.limits().memoryBytes());
        }
    }

    /** The init's host pid: the one process in the container's cgroup, else what dockerd says. */
    private long initPid(String cid, Path freezerCgroup) {
        try {
            List<String> procs = Files.readAllLines(freezerCgroup.resolve("cgroup.procs")).stream().filter(l -> !l.isBlank()).toList();
            if (procs.size() == 1) {
                return Long.parseLong(procs.getFirst().strip());
            }
        } catch (IOException | RuntimeException e) {
            // Ask dockerd below.
        }
        DockerCli.Result r = docker.run(30, "inspect", "-f", "{{.State.Pid}}", cid);
        try {
            return Long.parseLong(r.output().strip());
        } catch (NumberFormatException e) {
            throw new SandboxException("cannot find the init of container " + cid + ": " + r.output());
        }
    }

    /** Freezes the container through its own freezer cgroup: `docker pause` costs a round trip to dockerd. */
    @Override
    protected boolean freeze() {
        Path f = freezer;
        if (f == null) {
            return false;
        }
        Path state = f.resolve("freezer.state");
        try {
            Files.writeString(state, "FROZEN");
            for (int i = 0; i < 200 && !Files.readString(state).startsWith("FROZEN"); i++) {
                Thread.sleep(1);
            }
        } catch (IOException e) {
            // The container is gone; its files are ours alone now.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    @Override
    protected void thaw() {
        try {
            Files.writeString(freezer.resolve("freezer.state"), "THAWED");
        } catch (IOException e) {
            // gone with the container
        }
    }

    @Override
    protected String logFile() {
        return "docker.log";
    }

    @Override
    public void close() {
        noteExit();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            kill();
            services.close();
            if (commandCgroup != null) {
                commandCgroup.close(); // runc removes it with the container; this is in case it did not
            }
            dir.close();
        } finally {
            LIVE.remove(this);
        }
    }

    /** Removes the container (processes, cgroups, mounts go with it), then the client. */
    @Override
    protected void kill() {
        try {
            docker.run(30, "rm", "-f", name);
        } catch (SandboxException e) {
            // The client is killed below regardless; doctor reports a container left behind.
        }
        process.destroyForcibly();
        waitForProcess(10);
    }
}
