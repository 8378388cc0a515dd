package io.offswitch.sandbox.docker;

import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.bwrap.InitChannel;
import io.offswitch.sandbox.bwrap.SandboxDirectory;
import io.offswitch.sandbox.bwrap.ServiceSockets;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Docker container running sandbox-init, talked to through the stdin/stdout of its `docker run -i`
 * client. Killing that client does not stop a container, so every way out goes through `docker rm -f`.
 */
final class DockerSandbox implements Sandbox {
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long WATCHDOG_GRACE_MS = 10_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "docker-sandbox-watchdog");
        t.setDaemon(true);
        return t;
    });
    /** Containers not yet removed; a JVM exit removes them, or they would outlive the harness. */
    private static final Set<DockerSandbox> LIVE = ConcurrentHashMap.newKeySet();

    static {
        io.offswitch.JvmExit.onExit(() -> List.copyOf(LIVE).forEach(DockerSandbox::close));
    }

    private final DockerCli docker;
    private final String id;
    private final String name;
    private final List<String> placed;
    private final SandboxDirectory dir;
    private final ServiceSockets services;
    private final Process process;
    private final InitChannel channel;
    private volatile Path freezer;
    private volatile Instant downAt;
    private final AtomicBoolean closed = new AtomicBoolean();

    private DockerSandbox(DockerCli docker, String id, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Process process) {
        this.docker = docker;
        this.id = id;
        this.name = "offswitch-" + id;
        this.placed = spec.files().stream().filter(f -> !f.protectedFromAgent() && !f.path().startsWith("/"))
                .map(f -> Path.of(f.path()).normalize().toString()).toList();
        this.dir = dir;
        this.services = services;
        this.process = process;
        this.channel = new InitChannel(process.getOutputStream(), process.getInputStream());
        process.onExit().thenRun(this::noteExit);
    }

    static DockerSandbox start(DockerCli docker, String image, String id, SandboxSpec spec, Path init) {
        if (io.offswitch.JvmExit.exiting()) {
            throw new SandboxException("offswitch is exiting; no new sandboxes");
        }
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        int uid = asRoot ? SandboxDirectory.hostUid() : currentUid();
        SandboxDirectory dir = SandboxDirectory.create(id, spec, asRoot, uid);
        ServiceSockets services = null;
        DockerSandbox sandbox = null;
        try {
            services = new ServiceSockets(dir.sockets, spec.services());
            Map<String, String> env = Map.of("HOME", spec.home(), "USER", spec.user(), "LOGNAME", spec.user(), "SHELL", "/bin/bash",
                    "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "TERM", "xterm",
                    "HOSTNAME", spec.hostname(), "OFFSWITCH_CPU_SECONDS", Long.toString(spec.limits().cpuTimePerProcess().toSeconds()));
            ProcessBuilder pb = new ProcessBuilder(DockerCommandLine.build(docker, "offswitch-" + id, image, spec, dir, services, init, uid, env));
            pb.redirectError(dir.root.resolve("docker.log").toFile());
            // The client needs nothing of the harness's environment; the container gets only `env` above.
            pb.environment().keySet().retainAll(Set.of("PATH", "HOME"));
            sandbox = new DockerSandbox(docker, id, spec, dir, services, pb.start());
            LIVE.add(sandbox);
            sandbox.awaitReady();
            return sandbox;
        } catch (IOException | RuntimeException e) {
            String log = readLog(dir);
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

    private void awaitReady() throws IOException {
        ScheduledFuture<?> guard = WATCHDOG.schedule(this::kill, START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            channel.awaitReady();
        } finally {
            guard.cancel(false);
        }
        // The client writes the cid file once the container exists, which READY proves.
        String cid = Files.readString(dir.root.resolve("cid")).strip();
        Path path = Path.of("/sys/fs/cgroup/freezer", DockerCommandLine.CGROUP_PARENT, cid);
        freezer = Files.isWritable(path.resolve("freezer.state")) ? path : null;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public synchronized ExecResult exec(ExecRequest request) {
        if (closed.get()) {
            throw new SandboxException("sandbox " + id + " is closed");
        }
        long started = System.nanoTime();
        if (!process.isAlive()) {
            return wentDown(started);
        }
        if (request.command().getBytes(StandardCharsets.UTF_8).length > ExecRequest.MAX_COMMAND_BYTES) {
            return new ExecResult(126, "", "bash: Argument list too long\n", false, false, false, 0);
        }
        ScheduledFuture<?> guard = WATCHDOG.schedule(this::kill, request.timeout().toMillis() + WATCHDOG_GRACE_MS, TimeUnit.MILLISECONDS);
        try {
            channel.send(request);
            return channel.receive(request, started);
        } catch (EOFException e) {
            return wentDown(started);
        } catch (IOException e) {
            waitForClient(2);
            if (!process.isAlive()) {
                return wentDown(started);
            }
            throw new SandboxException("lost contact with sandbox " + id + ": " + e.getMessage(), e);
        } finally {
            guard.cancel(false);
        }
    }

    private ExecResult wentDown(long startedNanos) {
        waitForClient(10);
        noteExit();
        if (downAt == null) {
            String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
            String log = readLog(dir);
            throw new SandboxException("sandbox " + id + " died unexpectedly (" + status + ")" + (log.isBlank() ? "" : "; docker said: " + log));
        }
        return new ExecResult(-1, "", "", false, false, true, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private void waitForClient(int seconds) {
        try {
            process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** `docker run` exits with the container's status, so the init's shutdown status reaches us unchanged. */
    private void noteExit() {
        if (!process.isAlive() && process.exitValue() == InitChannel.EXIT_SHUTDOWN && downAt == null) {
            downAt = Instant.now();
        }
    }

    @Override
    public boolean isUp() {
        return !closed.get() && process.isAlive();
    }

    @Override
    public Optional<Instant> downAt() {
        noteExit();
        return Optional.ofNullable(downAt);
    }

    /** Read with the container frozen, for the same reason as bwrap: no swapping links under our feet. */
    @Override
    public FileSnapshot snapshotHome() {
        Path f = freezer;
        if (f == null || !process.isAlive()) {
            return ChangeTracker.snapshot(dir.home, placed);
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
        try {
            return ChangeTracker.snapshot(dir.home, placed);
        } finally {
            try {
                Files.writeString(state, "THAWED");
            } catch (IOException e) {
                // gone with the container
            }
        }
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
            dir.close();
        } finally {
            LIVE.remove(this);
        }
    }

    /** Removes the container (processes, cgroups, mounts go with it), then the client. */
    private void kill() {
        try {
            docker.run(30, "rm", "-f", name);
        } catch (SandboxException e) {
            // The client is killed below regardless; doctor reports a container left behind.
        }
        process.destroyForcibly();
        waitForClient(10);
    }

    private static String readLog(SandboxDirectory dir) {
        try {
            String log = Files.readString(dir.root.resolve("docker.log")).strip();
            return log.length() > 2000 ? log.substring(0, 2000) : log;
        } catch (IOException e) {
            return "";
        }
    }
}
