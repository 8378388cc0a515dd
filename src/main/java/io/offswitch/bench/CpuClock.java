package io.offswitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time spent by this process (every thread) and by its children, which is what a run costs on a
 * shared machine whatever the load: wall time there measures the other work as much as ours. The
 * children's time is the kernel's count of every descendant that was waited for (bwrap, the sandbox's
 * init, its shells and commands, compilers), from /proc/self/stat; a descendant that is never reaped by
 * one of ours is not in it.
 */
record CpuClock(double harnessSeconds, double childrenSeconds) {
    /** Linux reports the children's times in clock ticks of USER_HZ, which is 100 on every architecture it runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    static CpuClock now() {
        double harness = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new CpuClock(harness, reapedChildrenSeconds());
    }

    CpuClock since(CpuClock start) {
        return new CpuClock(harnessSeconds - start.harnessSeconds, childrenSeconds - start.childrenSeconds);
    }

    private static double reapedChildrenSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            // Fields after the command name (which may hold spaces, so it is skipped by its closing parenthesis).
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): cutime is field 16, cstime field 17.
            return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return Double.NaN; // no /proc: the figure is unknown, not zero
        }
    }
}
