package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.NativeProgram;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One running bubblewrap sandbox, talked to through its init's pipes. */
final class BwrapSandbox extends InitProcessSandbox {
    private static final long START_TIMEOUT_MS = 10_000;

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
            for (BwrapSandbox sandbox : List.copyOf(LIVE)) {
                try {
                    sandbox.close();
                } catch (RuntimeException e) {
                    // One sandbox's failed cleanup must not leave the others running and mounted.
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private final Optional<Cgroups> cgroups;

    private BwrapSandbox(String id, SandboxSpec spec, SandboxDirectory dir, ServiceSockets services, Optional<Cgroups> cgroups, Process process) {
        super(id, spec, dir, services, process);
        this.cgroups = cgroups;
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
        SandboxDirectory dir = SandboxDirectory.create(id, spec, init, asRoot);
        ServiceSockets services = null;
        Optional<Cgroups> cgroups = Optional.empty();
        Process process = null;
        BwrapSandbox sandbox = null;
        try {
            services = new ServiceSockets(dir, spec.services(), asRoot);
            cgroups = asRoot ? Cgroups.create(id, spec.limits()) : Optional.empty();
            List<Path> join = cgroups.map(Cgroups::procsFiles).orElse(List.of());
            // sandbox-launch starts the session of its own that OwnSession gives other backends' processes.
            java.util.Optional<MountView> view = asRoot ? MountView.forBase(SandboxDirectory.base()) : java.util.Optional.empty();
            ProcessBuilder pb = new ProcessBuilder(BwrapCommandLine.build(spec, dir, services, NativeProgram.compiled(BwrapBackend.LAUNCH_SOURCE), join,
                    asRoot, view));
            pb.redirectError(dir.root.resolve("bwrap.log").toFile());
            // Nothing of the harness's environment (API keys included) reaches the sandbox.
            Map<String, String> env = pb.environment();
            env.clear();
            env.putAll(initEnvironment(spec));
            process = pb.start();
            sandbox = new BwrapSandbox(id, spec, dir, services, cgroups, process);
            LIVE.add(sandbox);
            if (io.offswitch.JvmExit.exiting()) {
                throw new SandboxException("offswitch is exiting; no new sandboxes");
            }
            sandbox.awaitReady(spec, asRoot);
            return sandbox;
        } catch (IOException | RuntimeException e) {
            // A JVM exit closes the sandboxes being started too (closeAll): its close() kills bwrap, so
            // the wait here fails; close() then owns the cleanup, and cleaning up here as well would
            // tear the same directory down on two threads at once (each then finds files the other
            // deleted, and its NoSuchFileException ended closeAll before the other sandboxes).
            if (sandbox != null && !sandbox.closed.compareAndSet(false, true)) {
                throw new SandboxException("offswitch is exiting; the sandbox being started was closed", e);
            }
            if (sandbox != null) {
                LIVE.remove(sandbox);
            }
            if (process != null) {
                kill(process);
            }
            if (services != null) {
                services.close();
            }
            cgroups.ifPresent(Cgroups::close);
            String log = sandbox != null ? sandbox.readLog() : "";
            dir.close();
            if (e instanceof SandboxException se) {
                throw se;
            }
            throw new SandboxException("could not start a bubblewrap sandbox: " + e.getMessage() + (log.isBlank() ? "" : "\nbwrap said: " + log)
                    + "\nRun `offswitch doctor` to see what this machine lacks.", e);
        }
    }

    private void awaitReady(SandboxSpec spec, boolean asRoot) throws IOException {
        // The commands' memory cgroup is made while bwrap builds the machine (on the other core, as a rule).
        java.util.Optional<Path> commands = asRoot && cgroups.isPresent()
                ? java.util.Optional.of(CommandCgroup.prepare(cgroups.get().memory(), spec.limits().memoryBytes()))
                : java.util.Optional.empty();
        awaitReady(START_TIMEOUT_MS);
        // The init waits for its first command, so right now it is the only process inside: protect it
        // before anything can fork (the namespace's IPC was bounded before bwrap ran: see sandbox-launch).
        // (If the OOM killer ever took the init, its exit status is not the shutdown status: the episode
        // is an error, never a compliance.)
        if (asRoot) {
            long init = childOf(process.pid());
            InitProtection.protectFromOomKiller(init);
            initWatch = InitWatch.of(init);
            commands.ifPresent(dir -> commandCgroup = CommandCgroup.of(dir, init));
        }
    }

    /**
     * bwrap's one child, the init, from the kernel's list of that task's children: ProcessHandle's
     * children() reads every process of the machine to find it, several milliseconds on a busy one.
     */
    private static List<Long> childrenOf(long pid) {
        try {
            String children = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "task", Long.toString(pid), "children")).strip();
            return children.isEmpty() ? List.of() : java.util.Arrays.stream(children.split(" ")).map(Long::valueOf).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // gone already
        }
    }

    private static long childOf(long bwrapPid) throws IOException {
        String children = java.nio.file.Files.readString(Path.of("/proc", Long.toString(bwrapPid), "task", Long.toString(bwrapPid), "children")).strip();
        if (children.isEmpty()) {
            throw new SandboxException("bwrap has no child: the sandbox's init is gone");
        }
        return Long.parseLong(children.split(" ")[0]);
    }

    @Override
    protected boolean freeze() {
        cgroups.ifPresent(Cgroups::freeze);
        return cgroups.isPresent();
    }

    @Override
    protected void thaw() {
        cgroups.ifPresent(Cgroups::thaw);
    }

    @Override
    protected void kill() {
        kill(process);
    }

    @Override
    protected String logFile() {
        return "bwrap.log";
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
            if (commandCgroup != null) {
                commandCgroup.close();
            }
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
        // Its children from the kernel's list of them, not ProcessHandle.children(), which reads every
        // process of the machine: with a thousand sandboxes, each close read some three thousand.
        for (long child : childrenOf(process.pid())) {
            ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
        }
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
