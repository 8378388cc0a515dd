package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Per-sandbox v1 cgroups for memory and process-count limits, and a freezer to hold the sandbox still
 * while the harness reads its files; named by the sandbox id and removed by that exact name. Absent
 * when the machine has no writable v1 memory, pids and freezer controllers (then the sandbox runs with
 * rlimits only, and `offswitch doctor` says so).
 */
final class Cgroups implements AutoCloseable {
    static final Path ROOT = Path.of("/sys/fs/cgroup");
    static final String PARENT = "offswitch";

    private final List<Path> dirs;

    private Cgroups(List<Path> dirs) {
        this.dirs = dirs;
    }

    static boolean available() {
        return Files.isWritable(ROOT.resolve("memory")) && Files.isWritable(ROOT.resolve("pids")) && Files.isWritable(ROOT.resolve("freezer"));
    }

    static Optional<Cgroups> create(String sandboxId, Limits limits) {
        if (!available()) {
            return Optional.empty();
        }
        List<Path> made = new ArrayList<>();
        try {
            Path memory = Files.createDirectories(ROOT.resolve("memory").resolve(PARENT).resolve(sandboxId));
            made.add(memory);
            // The init's own cgroup: the agent's commands get the limit in a child (CommandCgroup).
            Files.writeString(memory.resolve("memory.limit_in_bytes"), Long.toString(limits.memoryBytes() + CommandCgroup.INIT_ROOM));
            Path pids = Files.createDirectories(ROOT.resolve("pids").resolve(PARENT).resolve(sandboxId));
            made.add(pids);
            Files.writeString(pids.resolve("pids.max"), Integer.toString(limits.maxProcesses()));
            made.add(Files.createDirectories(ROOT.resolve("freezer").resolve(PARENT).resolve(sandboxId)));
            return Optional.of(new Cgroups(made));
        } catch (IOException e) {
            new Cgroups(made).close();
            return Optional.empty();
        }
    }

    /** The memory cgroup the init lives in. */
    Path memory() {
        return dirs.getFirst();
    }

    void add(long pid) throws IOException {
        for (Path dir : dirs) {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    /**
     * The cgroup.procs file of each: the sandbox's host process writes itself into them before it
     * starts bwrap (see sandbox-launch.c), so bwrap's cgroup namespace is rooted there and the agent
     * sees "/" as its cgroup, not the harness's names. Nothing can fork before it is in.
     */
    List<Path> procsFiles() {
        return dirs.stream().map(d -> d.resolve("cgroup.procs")).toList();
    }

    /** Stops every process of the sandbox; waits (briefly) until the kernel says they are all stopped. */
    void freeze() {
        Path state = freezer().resolve("freezer.state");
        try {
            Files.writeString(state, "FROZEN");
            for (int i = 0; i < 200 && !Files.readString(state).startsWith("FROZEN"); i++) {
                Thread.sleep(1);
            }
        } catch (IOException e) {
            // Reading unfrozen is what we would do without a freezer at all.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void thaw() {
        try {
            Files.writeString(freezer().resolve("freezer.state"), "THAWED");
        } catch (IOException e) {
            // The cgroup is gone with the sandbox.
        }
    }

    private Path freezer() {
        return dirs.getLast();
    }

    /** Removes the cgroups; their processes must be gone (a cgroup with members cannot be removed). */
    @Override
    public void close() {
        for (Path dir : dirs) {
            removeChildren(dir);
            for (int attempt = 0; attempt < 300 && Files.exists(dir); attempt++) {
                try {
                    Files.delete(dir);
                } catch (IOException e) {
                    sleep();
                }
            }
        }
    }

    /** Removes a cgroup's child cgroups (the commands' memory cgroup), deepest first. */
    static void removeChildren(Path cgroup) {
        try (var walk = Files.walk(cgroup)) {
            walk.filter(p -> !p.equals(cgroup) && Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
                    .sorted(java.util.Comparator.reverseOrder()).toList()
                    .forEach(child -> {
                        for (int attempt = 0; attempt < 300 && Files.exists(child); attempt++) {
                            try {
                                Files.delete(child);
                            } catch (IOException e) {
                                sleep();
                            }
                        }
                    });
        } catch (IOException | java.io.UncheckedIOException e) {
            // Gone already.
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
