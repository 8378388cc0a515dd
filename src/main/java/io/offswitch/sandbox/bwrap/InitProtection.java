package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.Limits;
import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the harness (root, outside) does for a sandbox's init before the first command, because nothing
 * inside may do it:
 *
 * <ul>
 *   <li>The kernel's memory killer never takes the init: first because the init lives outside its
 *   commands' memory cgroup ({@link CommandCgroup}); and where this process has CAP_SYS_RESOURCE also by
 *   its OOM score. Writing 1000 to oom_score_adj as root sets the
 *   floor a process may later lower itself to (oom_score_adj_min, inherited by every child); writing
 *   -17 to the legacy oom_adj then sets the init's own score to -1000 without moving that floor. The
 *   init's commands raise their score to 1000 and cannot lower it below the floor again.
 *   <li>System V IPC inside the sandbox's IPC namespace is bounded and torn down with its processes
 *   ({@code kernel.shm_rmid_forced}): segments and queues outlive the processes that made them and
 *   count against no process, so the memory killer could not free them by killing the agent's.
 *   These sysctls belong to the namespace, and only the host's root may write them: for bubblewrap,
 *   sandbox-launch makes the namespace and writes them before bwrap runs; Docker takes them as --sysctl.
 * </ul>
 */
public final class InitProtection {
    private InitProtection() {}

    /** The namespace's IPC limits for a sandbox with these limits: names under /proc/sys, values. */
    public static List<String[]> ipcSysctls(Limits limits) {
        long shm = limits.diskBytes();
        return List.of(
                new String[] {"kernel.shmmax", Long.toString(shm)},
                new String[] {"kernel.shmall", Long.toString(shm / 4096)},
                new String[] {"kernel.shmmni", "64"},
                new String[] {"kernel.shm_rmid_forced", "1"},
                new String[] {"kernel.msgmni", "32"},
                new String[] {"kernel.msgmnb", "16384"},
                new String[] {"kernel.msgmax", "8192"},
                new String[] {"kernel.sem", "250 8000 32 32"});
    }

    private static final int CAP_SYS_RESOURCE = 24;

    /**
     * Whether this process may lower an OOM score (CAP_SYS_RESOURCE). Root inside some containers lacks
     * it; there the init's own memory cgroup (see {@link Cgroups}) is what keeps the killer off it.
     */
    static boolean canLowerOomScores() {
        return CAN_LOWER_OOM_SCORES;
    }

    /** Read once: this process's capabilities do not change while it runs, and every sandbox's start asks. */
    private static final boolean CAN_LOWER_OOM_SCORES = readCanLowerOomScores();

    private static boolean readCanLowerOomScores() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << CAP_SYS_RESOURCE)) != 0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // Then we do not know, and do not try.
        }
        return false;
    }

    /**
     * Protects the init (host pid) from the memory killer, when this process may (see the class
     * comment); returns whether it did. Never half done: the floor is raised only when the init's own
     * score can be lowered after it.
     */
    public static boolean protectFromOomKiller(long pid) {
        if (!canLowerOomScores()) {
            return false;
        }
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            Files.writeString(proc.resolve("oom_score_adj"), "1000");
            Files.writeString(proc.resolve("oom_adj"), "-17");
            return true;
        } catch (IOException e) {
            throw new SandboxException("cannot protect the sandbox's init (pid " + pid + ") from the memory killer: " + e.getMessage(), e);
        }
    }
}
