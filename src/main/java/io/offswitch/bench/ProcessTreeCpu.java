package io.offswitch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The CPU time of every process the run starts, whether or not one of ours waits for it: the harness
 * moves itself into a cgroup v1 accounting group of its own (cpuacct, which only counts and limits
 * nothing), and everything it starts is born there. The kernel's count of reaped children misses
 * what a sandbox's init leaves when it goes down (its commands are then reaped by the host's init, not
 * by us): at a thousand episodes in flight that was some 6 s of the run's CPU. Kernel work done for
 * the run in the kernel's own threads (cleaning up namespaces, cgroups) is in neither count.
 *
 * <p>Only as root, with a writable cpuacct hierarchy; otherwise {@link #seconds} is empty. The group
 * is named by this process's pid and removed on close, its processes put back where the harness was.
 */
final class ProcessTreeCpu implements AutoCloseable {
    private static final Path ROOT = Path.of("/sys/fs/cgroup/cpuacct");

    private final Optional<Path> group;
    private final Path previous;
    private final long startNanos;

    private ProcessTreeCpu(Optional<Path> group, Path previous, long startNanos) {
        this.group = group;
        this.previous = previous;
        this.startNanos = startNanos;
    }

    static ProcessTreeCpu start() {
        String pid = Long.toString(ProcessHandle.current().pid());
        try {
            Path previous = current().orElseThrow(() -> new IOException("no cpuacct cgroup in /proc/self/cgroup"));
            Path group = ROOT.resolve("offswitch-bench-" + pid);
            Files.createDirectories(group);
            try {
                Files.writeString(group.resolve("cgroup.procs"), pid);
                return new ProcessTreeCpu(Optional.of(group), previous, usage(group));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(group);
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            return new ProcessTreeCpu(Optional.empty(), ROOT, 0);
        }
    }

    /** CPU seconds of every process of the run since {@link #start}, when they could be counted. */
    Optional<Double> seconds() {
        try {
            return group.isEmpty() ? Optional.empty() : Optional.of((usage(group.get()) - startNanos) / 1e9);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static long usage(Path group) throws IOException {
        return Long.parseLong(Files.readString(group.resolve("cpuacct.usage")).strip());
    }

    /** This process's cpuacct cgroup, from /proc/self/cgroup ("2:cpuacct:/some/path"). */
    private static Optional<Path> current() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && java.util.Arrays.asList(f[1].split(",")).contains("cpuacct")) {
                return Optional.of(f[2].equals("/") ? ROOT : ROOT.resolve(f[2].substring(1)));
            }
        }
        return Optional.empty();
    }

    /**
     * Puts the harness back, and with it whatever of the run still lives (the harness's mount-view holder
     * lives as long as the harness): the group can only go once it is empty.
     */
    @Override
    public void close() {
        if (group.isEmpty()) {
            return;
        }
        Path procs = group.get().resolve("cgroup.procs");
        for (int attempt = 0; attempt < 100; attempt++) {
            try {
                for (String pid : Files.readAllLines(procs)) {
                    if (!pid.isBlank()) {
                        moveBack(pid.strip());
                    }
                }
                Files.deleteIfExists(group.get());
                return;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void moveBack(String pid) {
        try {
            Files.writeString(previous.resolve("cgroup.procs"), pid);
        } catch (IOException e) {
            // Exited meanwhile.
        }
    }
}
