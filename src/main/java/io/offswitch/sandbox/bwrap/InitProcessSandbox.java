package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.ChangeTracker;
import io.offswitch.sandbox.ExecRequest;
import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxFile;
import io.offswitch.sandbox.SandboxSpec;
import io.offswitch.sandbox.ServiceFailure;
import io.offswitch.sandbox.SnapshotBudget;
import io.offswitch.sandbox.WatchList;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sandbox whose PID 1 is sandbox-init, reached through the stdin and stdout of one host process
 * (bwrap, or a `docker run -i` client), with its home and services in a {@link SandboxDirectory}.
 * Everything about talking to the init, noticing the machine go down and reading the home is the same
 * for every such backend and lives here; a backend says how to kill, freeze and thaw its machine.
 */
public abstract class InitProcessSandbox implements Sandbox {
    /** Grace on top of a command's own timeout before we stop trusting the init and kill the sandbox. */
    private static final long WATCHDOG_GRACE_MS = 10_000;
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sandbox-watchdog");
        t.setDaemon(true);
        return t;
    });

    protected final String id;
    protected final SandboxDirectory dir;
    protected final ServiceSockets services;
    protected final Process process;
    protected final AtomicBoolean closed = new AtomicBoolean();
    /** The agent's home inside the machine. */
    private final String home;
    private final InitChannel channel;
    /** What every snapshot looks at, however many files the agent makes: the placed files, startup files, PATH directories. */
    private final WatchList watch;
    /** The last snapshot, whose hashes the next one reuses for files that have not changed since. */
    private volatile FileSnapshot lastSnapshot = FileSnapshot.empty();
    private volatile Instant downAt;

    protected InitProcessSandbox(String id, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Process process) {
        this.id = id;
        this.dir = dir;
        this.services = services;
        this.process = process;
        this.home = spec.home();
        this.watch = WatchList.of(spec.files().stream().map(SandboxFile::path).filter(p -> !p.startsWith("/")).toList(), spec.home());
        this.channel = new InitChannel(process.getOutputStream(), process.getInputStream());
        process.onExit().thenRun(this::noteExit);
    }

    /**
     * The environment the init starts with: the agent's login variables, and the limits the init
     * applies to commands (it removes those two before any command runs).
     */
    protected static Map<String, String> initEnvironment(SandboxSpec spec) {
        return Map.of("HOME", spec.home(), "USER", spec.user(), "LOGNAME", spec.user(), "SHELL", "/bin/bash",
                "PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8", "TERM", "xterm", "HOSTNAME", spec.hostname(),
                "RLIMIT_CPU", Long.toString(spec.limits().cpuTimePerProcess().toSeconds()),
                "RLIMIT_NOFILE", Limits.OPEN_FILES + ":" + Limits.OPEN_FILES_HARD);
    }

    @Override
    public Optional<ServiceFailure> serviceFailure() {
        return services.failure();
    }

    /** The commands' memory cgroup, once the machine is up (root with cgroups only). */
    protected volatile CommandCgroup commandCgroup;
    /** Set by the backend once it knows the init's host pid. */
    protected volatile InitWatch initWatch;

    /** The init's pid on the host while the machine runs (known as root only). */
    public java.util.OptionalLong initPid() {
        InitWatch watch = initWatch;
        return watch == null || closed.get() || !process.isAlive() ? java.util.OptionalLong.empty() : java.util.OptionalLong.of(watch.pid());
    }

    @Override
    public io.offswitch.sandbox.HostDisk disk() {
        return new OutsideDisk(home, dir.home, dir.copyOnWrite, this::initPid, () -> process.isAlive() && freeze(), this::thaw);
    }

    @Override
    public List<String> initChanges() {
        InitWatch watch = initWatch;
        return watch == null || closed.get() ? List.of() : watch.changes();
    }

    /** Moves the supervisor of the command about to run into the commands' memory cgroup. */
    private void confineCommand() {
        CommandCgroup c = commandCgroup;
        if (c != null) {
            c.admitChildrenOfInit();
        }
    }

    /** Destroys the machine and its host process; used by watchdogs and by close. */
    protected abstract void kill();

    /** Stops every process of the machine so its files hold still; false when this backend cannot. */
    protected abstract boolean freeze();

    protected abstract void thaw();

    /** The file where the host process wrote its errors, inside the sandbox directory. */
    protected abstract String logFile();

    /** Waits for the init's greeting, killing the machine if it does not come in time. */
    protected void awaitReady(long timeoutMillis) throws IOException {
        ScheduledFuture<?> guard = WATCHDOG.schedule(this::kill, timeoutMillis, TimeUnit.MILLISECONDS);
        try {
            channel.awaitReady();
        } finally {
            guard.cancel(false);
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
        if (request.command().getBytes(StandardCharsets.UTF_8).length > ExecRequest.MAX_COMMAND_BYTES) {
            return new ExecResult(126, "", "bash: Argument list too long\n", false, false, false, 0);
        }
        ScheduledFuture<?> guard = WATCHDOG.schedule(this::kill, request.timeout().toMillis() + WATCHDOG_GRACE_MS, TimeUnit.MILLISECONDS);
        try {
            channel.send(request);
            return channel.receive(request, started, this::confineCommand);
        } catch (EOFException e) {
            return wentDown(started);
        } catch (IOException e) {
            // A write to a pipe whose reader is gone: the init exited between calls (or just now).
            // Give the host process a moment to be reaped before deciding whether that was a shutdown.
            waitForProcess(2);
            if (!process.isAlive()) {
                return wentDown(started);
            }
            throw new SandboxException("lost contact with sandbox " + id + ": " + e.getMessage(), e);
        } finally {
            guard.cancel(false);
        }
    }

    private ExecResult wentDown(long startedNanos) {
        waitForProcess(10);
        noteExit();
        if (downAt == null) {
            String status = process.isAlive() ? "still running" : "exit status " + process.exitValue();
            String log = readLog();
            throw new SandboxException("sandbox " + id + " died unexpectedly (" + status + ")" + (log.isBlank() ? "" : "; it said: " + log));
        }
        return new ExecResult(-1, "", "", false, false, true, (System.nanoTime() - startedNanos) / 1_000_000);
    }

    protected void waitForProcess(int seconds) {
        try {
            process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Only the init's own shutdown status counts as the machine going down; anything else is a crash. */
    protected void noteExit() {
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

    /**
     * The home as it is now. The machine is frozen while we read it: the agent's background jobs could
     * otherwise swap a directory for a symlink to a host path, or a file for a FIFO, between our look
     * and our open, and make the harness (root) read host files or hang. The snapshot's budget bounds
     * how long the machine stays frozen, whatever the agent left in its home.
     */
    @Override
    public FileSnapshot snapshotHome() {
        if (!process.isAlive() || !freeze()) {
            return takeSnapshot();
        }
        try {
            return takeSnapshot();
        } finally {
            thaw();
        }
    }

    private FileSnapshot takeSnapshot() {
        FileSnapshot snapshot = ChangeTracker.snapshot(dir.home, watch, lastSnapshot, SnapshotBudget.defaults());
        lastSnapshot = snapshot;
        return snapshot;
    }

    /** What the host process said (its first 2000 characters), for error messages. */
    protected String readLog() {
        try {
            String log = Files.readString(dir.root.resolve(logFile())).strip();
            return log.length() > 2000 ? log.substring(0, 2000) : log;
        } catch (IOException e) {
            return "";
        }
    }
}
