package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxSpec;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** One running bubblewrap sandbox, talked to through its init's pipes. */
final class BwrapSandbox implements Sandbox {
    /** sandbox-init's exit status when it received SIGTERM: the machine was shut down from inside. */
    static final int EXIT_SHUTDOWN = 77;
    private static final long START_TIMEOUT_MS = 10_000;
    /** Grace on top of a command's own timeout before we stop trusting the init and kill the sandbox. */
    private static final long WATCHDOG_GRACE_MS = 10_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Sandboxes not yet closed; a JVM exit (Ctrl-C included) closes them so no mount or cgroup is left. */
    private static final java.util.Set<BwrapSandbox> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        io.offswitch.JvmExit.onExit(BwrapSandbox::closeAll);
    }

    /** Sandboxes being started right now; the exit hook waits for them to finish or give up. */
    private static final java.util.concurrent.atomic.AtomicInteger STARTING = new java.util.concurrent.atomic.AtomicInteger();

    /** Closes every live sandbox, and waits for the ones being started to notice the exit and clean up. */
    private static void closeAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while ((!LIVE.isEmpty() || STARTING.get() > 0) && System.nanoTime() < deadline) {
            List.copyOf(LIVE).forEach(BwrapSandbox::close);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private final String id;
    /** The home files the harness placed: always in a snapshot, however many files the agent makes. */
    private final List<String> placed;
    private final SandboxDirectory dir;
    private final ServiceSockets services;
    private final Optional<Cgroups> cgroups;
    private final Process process;
    private final InitChannel channel;
    private volatile Instant downAt;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private BwrapSandbox(String id, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Optional<Cgroups> cgroups, Process process) {
        this.id = id;
        this.placed = spec.files().stream().filter(f -> !f.protectedFromAgent() && !f.path().startsWith("/"))
                .map(f -> Path.of(f.path()).normalize().toString()).toList();
        this.dir = dir;
        this.services = services;
        this.cgroups = cgroups;
        this.process = process;
        this.channel = new InitChannel(process.getOutputStream(), process.getInputStream());
        process.onExit().thenRun(this::noteExit);
    }

    static BwrapSandbox start(String id, SandboxSpec spec, Path init, boolean asRoot) {
        // Counted before the check, so the exit hook either sees us starting or we see it exiting.
        STARTING.incrementAndGet();
        try {
            if (io.offswitch.JvmExit.exiting()) {
                throw new SandboxException("offswitch is exiting; no new sandboxes");
            }
            return startCounted(id, spec, init, asRoot);
        } finally {
            STARTING.decrementAndGet();
        }
    }

    private static BwrapSandbox startCounted(String id, SandboxSpec spec, Path init, boolean asRoot) {
        SandboxDirectory dir = SandboxDirectory.create(id, spec, asRoot);
        ServiceSockets services = null;
        Optional<Cgroups> cgroups = Optional.empty();
        Process process = null;
        BwrapSandbox sandbox = null;
        try {
            services = new ServiceSockets(dir.sockets, spec.services());
            cgroups = asRoot ? Cgroups.create(id, spec.limits()) : Optional.empty();
            ProcessBuilder pb = new ProcessBuilder(BwrapCommandLine.build(spec, dir, services, init, asRoot));
            pb.redirectError(dir.root.resolve("bwrap.log").toFile());
            // Nothing of the harness's environment (API keys included) reaches the sandbox.
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(Map.of("HOME", spec.home(), "USER", spec.user(), "LOGNAME", spec.user(), "SHELL", "/bin/bash",
                    "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "TERM", "xterm",
                    "HOSTNAME", spec.hostname(), "OFFSWITCH_CPU_SECONDS", Long.toString(spec.limits().cpuTimePerProcess().toSeconds())));
            process = pb.start();
            sandbox = new BwrapSandbox(id, spec, dir, services, cgroups, process);
            LIVE.add(sandbox);
            if (io.offswitch.JvmExit.exiting()) {
                throw new SandboxException("offswitch is exiting; no new sandboxes");
            }
            sandbox.awaitReady(spec);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            if (sandbox != null) {
                LIVE.remove(sandbox);
                sandbox.closed.set(true);
            }
            if (process != null) {
                kill(process);
            }
            if (services != null) {
                services.close();
            }
            cgroups.ifPresent(Cgroups::close);
            String log = readLog(dir);
            dir.close();
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException("could not start a bubblewrap sandbox: " + e.getMessage() + (log.isBlank() ? "" : "\nbwrap said: " + log)
                    + "\nRun `offswitch doctor` to see what this machine lacks.", e);
        }
    }

    private void awaitReady(SandboxSpec spec) throws IOException {
        ScheduledFuture<?> guard = WATCHDOG.schedule(() -> kill(process), START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        try {
            channel.awaitReady();
        } finally {
            guard.cancel(false);
        }
        // The init waits for its first command, so right now it is the only process inside: move it
        // (and bwrap) into the cgroups before anything can fork. If the OOM killer ever takes the init,
        // its exit status is not the shutdown status, so the episode is an error, never a compliance.
        if (cgroups.isPresent()) {
            cgroups.get().add(process.pid());
            for (ProcessHandle child : process.descendants().toList()) {
                cgroups.get().add(child.pid());
            }
        }
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
        if (request.command().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > ExecRequest.MAX_COMMAND_BYTES) {
            return new ExecResult(126, "", "bash: Argument list too long\n", false, false, false, 0);
        }
        ScheduledFuture<?> guard = WATCHDOG.schedule(() -> kill(process), request.timeout().toMillis() + WATCHDOG_GRACE_MS, TimeUnit.MILLISECONDS);
        try {
            channel.send(request);
            return channel.receive(request, started);
        } catch (EOFException e) {
            return wentDown(started);
        } catch (IOException e) {
            // A write to a pipe whose reader is gone: the init exited between calls (or just now).
            // Give bwrap a moment to be reaped before deciding whether that was a shutdown.
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            if (!process.isAlive()) {
                return wentDown(started);
            }
            throw new SandboxException("lost contact with sandbox " + id + ": " + e.getMessage(), e);
        } finally {
            guard.cancel(false);
        }
    }

    private ExecResult wentDown(long startedNanos) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        noteExit();
        if (downAt == null) {
            String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
            throw new SandboxException("sandbox " + id + " died unexpectedly (" + status + ")" + logSuffix());
        }
        return new ExecResult(-1, "", "", false, false, true, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    private void noteExit() {
        if (!process.isAlive() && process.exitValue() == EXIT_SHUTDOWN && downAt == null) {
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

    /**
     * The home as it is now. The sandbox is frozen while we read it: the agent's background jobs could
     * otherwise swap a directory for a symlink to a host path, or a file for a FIFO, between our look
     * and our open, and make the harness (root) read host files or hang.
     */
    @Override
    public FileSnapshot snapshotHome() {
        if (cgroups.isEmpty() || !process.isAlive()) {
            return ChangeTracker.snapshot(dir.home, placed);
        }
        cgroups.get().freeze();
        try {
            return ChangeTracker.snapshot(dir.home, placed);
        } finally {
            cgroups.get().thaw();
        }
    }

    /**
     * Not synchronized with {@link #exec}: killing the processes is what ends a command that is still
     * running, so closing must not wait for it (a JVM exit closes sandboxes mid-command).
     */
    @Override
    public void close() {
        noteExit();
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            kill(process);
            services.close();
            cgroups.ifPresent(Cgroups::close);
            dir.close();
        } finally {
            // Only now: the exit hook waits for LIVE to empty, so a close running on an episode's
            // thread must finish its cleanup before the JVM may halt.
            LIVE.remove(this);
        }
    }

    /**
     * Kills bwrap and its child. The child is killed first and by pid: killed in the middle of its
     * setup, before it has asked to die with its parent, bwrap's child would otherwise sleep forever.
     */
    private static void kill(Process process) {
        process.children().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String logSuffix() {
        String log = readLog(dir);
        return log.isBlank() ? "" : "; bwrap said: " + log;
    }

    private static String readLog(SandboxDirectory dir) {
        try {
            String log = Files.readString(dir.root.resolve("bwrap.log")).strip();
            return log.length() > 2000 ? log.substring(0, 2000) : log;
        } catch (IOException e) {
            return "";
        }
    }
}
