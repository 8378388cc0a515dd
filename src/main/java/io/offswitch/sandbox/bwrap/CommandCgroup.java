package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory cgroup the agent's commands run in, a child of the machine's own, so that the kernel's
 * memory killer never considers the init. The sandbox's memory limit is this child's; the machine's
 * cgroup (where only the init lives) gets {@link #INIT_ROOM} more. When the agent fills its memory with
 * what no process owns (files in its memory filesystems, System V segments) and the killer runs out of
 * the agent's processes to kill, the init is still outside the fight: it does not depend on an OOM
 * score, which root without CAP_SYS_RESOURCE cannot protect and which every child inherits.
 *
 * <p>Before each command the init stops its new supervisor and asks the harness to move it here (see
 * sandbox-init.c): every child of the init then lives here, with everything it starts.
 */
public final class CommandCgroup {
    /** Named as a systemd machine would show it: this is what the agent reads in /proc/self/cgroup. */
    static final String NAME = "user.slice";
    /** What the init may use beside the agent's limit (its output buffers are the largest part). */
    public static final long INIT_ROOM = 32L << 20;

    private final Path dir;
    private final long initPid;

    private CommandCgroup(Path dir, long initPid) {
        this.dir = dir;
        this.initPid = initPid;
    }

    /**
     * Makes the child of the machine's memory cgroup {@code machine} (which holds the init, host pid
     * {@code initPid}) with the agent's limit.
     */
    public static CommandCgroup create(Path machine, long initPid, long memoryBytes) {
        return of(prepare(machine, memoryBytes), initPid);
    }

    /** Makes the child cgroup with the agent's limit, before the init's pid is known; {@link #of} then binds them. */
    static Path prepare(Path machine, long memoryBytes) {
        Path dir = machine.resolve(NAME);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("memory.limit_in_bytes"), Long.toString(memoryBytes));
        } catch (IOException e) {
            throw new SandboxException("cannot make the memory cgroup for the sandbox's commands in " + machine + ": " + e.getMessage(), e);
        }
        return dir;
    }

    static CommandCgroup of(Path prepared, long initPid) {
        return new CommandCgroup(prepared, initPid);
    }

    /** The memory cgroup of a process, from its /proc/PID/cgroup (host view). */
    public static Path memoryCgroupOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && java.util.Arrays.asList(f[1].split(",")).contains("memory")) {
                return Cgroups.ROOT.resolve("memory").resolve(f[2].substring(1));
            }
        }
        throw new IOException("process " + pid + " has no memory cgroup");
    }

    /**
     * Moves every child of the init here: the supervisor waiting to run the next command, and any
     * orphans that came back to the init (already here; moving them again changes nothing).
     */
    public void admitChildrenOfInit() {
        String children;
        try {
            children = Files.readString(Path.of("/proc", Long.toString(initPid), "task", Long.toString(initPid), "children"));
        } catch (IOException e) {
            return; // the machine is gone; the command will find out
        }
        Path procs = dir.resolve("cgroup.procs");
        for (String pid : children.trim().split("\\s+")) {
            if (pid.isEmpty()) {
                continue;
            }
            try {
                Files.writeString(procs, pid);
            } catch (IOException e) {
                // It exited meanwhile.
            }
        }
    }

    /** Removes the cgroup once its processes are gone. */
    public void close() {
        for (int attempt = 0; attempt < 300 && Files.exists(dir); attempt++) {
            try {
                Files.delete(dir);
            } catch (IOException e) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
