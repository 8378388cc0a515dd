package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one dead harness's sandbox left on the host, found by its exact id and directory: the host
 * directory (absent for a cgroup whose directory is already gone), processes naming the directory
 * or sitting in its cgroups, mounts under the directory, and its cgroups.
 */
record StaleSandbox(String id, Path root, Set<Long> pids, List<Path> mounts, List<Path> cgroups) {
    static StaleSandbox look(String id, Path root, List<Path> cgroups) {
        return new StaleSandbox(id, root, processes(root, cgroups), root == null ? List.of() : mountsUnder(root), cgroups);
    }

    List<Leftover> leftovers() {
        List<Leftover> all = new ArrayList<>();
        if (root != null) {
            all.add(new Leftover(Leftover.Kind.SANDBOX_DIRECTORY, id, root.toString()));
        }
        pids.forEach(p -> all.add(new Leftover(Leftover.Kind.PROCESS, id, HostProcesses.describe(p))));
        mounts.forEach(m -> all.add(new Leftover(Leftover.Kind.MOUNT, id, m.toString())));
        cgroups.forEach(c -> all.add(new Leftover(Leftover.Kind.CGROUP, id, c.toString())));
        return all;
    }

    /** Removes everything and returns what is gone now (a leftover that resisted is left out). */
    List<Leftover> remove() {
        thaw(); // a frozen process cannot act on SIGKILL
        killAll();
        for (Path m : mounts) {
            Mounts.detach(m.toString());
        }
        cgroups.forEach(StaleSandbox::removeCgroup);
        if (root != null && mountsUnder(root).isEmpty()) {
            deleteTree(root);
        }
        List<Leftover> removed = new ArrayList<>();
        if (root != null && !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            removed.add(new Leftover(Leftover.Kind.SANDBOX_DIRECTORY, id, root.toString()));
        }
        List<Long> alive = HostProcesses.alive(pids);
        pids.stream().filter(p -> !alive.contains(p)).forEach(p -> removed.add(new Leftover(Leftover.Kind.PROCESS, id, Long.toString(p))));
        List<Path> stillMounted = root == null ? List.of() : mountsUnder(root);
        mounts.stream().filter(m -> !stillMounted.contains(m)).forEach(m -> removed.add(new Leftover(Leftover.Kind.MOUNT, id, m.toString())));
        cgroups.stream().filter(c -> !Files.exists(c)).forEach(c -> removed.add(new Leftover(Leftover.Kind.CGROUP, id, c.toString())));
        return removed;
    }

    /** Kills until nothing names the directory or sits in the cgroups, for at most five seconds. */
    private void killAll() {
        for (int round = 0; round < 50; round++) {
            Set<Long> left = processes(root, cgroups);
            if (left.isEmpty()) {
                return;
            }
            Set<Long> withChildren = new TreeSet<>(left);
            for (long pid : left) {
                ProcessHandle.of(pid).ifPresent(h -> h.descendants().forEach(d -> withChildren.add(d.pid())));
            }
            HostProcesses.kill(withChildren);
            sleep(100);
        }
    }

    private static Set<Long> processes(Path root, List<Path> cgroups) {
        Set<Long> pids = new TreeSet<>();
        if (root != null) {
            pids.addAll(HostProcesses.naming(List.of(root.toString(), root.toAbsolutePath().normalize().toString())));
        }
        cgroups.forEach(c -> pids.addAll(HostProcesses.inCgroup(c)));
        return pids;
    }

    private void thaw() {
        for (Path c : cgroups) {
            Path state = c.resolve("freezer.state");
            if (Files.exists(state)) {
                try {
                    Files.writeString(state, "THAWED");
                } catch (IOException e) {
                    // Then the kill below may not take; the leftover is reported as still there.
                }
            }
        }
    }

    private static void removeCgroup(Path cgroup) {
        Cgroups.removeChildren(cgroup);
        for (int attempt = 0; attempt < 300 && Files.exists(cgroup); attempt++) {
            try {
                Files.delete(cgroup); // rmdir: a cgroup's control files go with it
            } catch (IOException e) {
                sleep(10);
            }
        }
    }

    /** Mount points at or below {@code dir}, deepest first, as this process's mount table lists them. */
    static List<Path> mountsUnder(Path dir) {
        String prefix = dir.toAbsolutePath().normalize().toString();
        List<Path> found = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"), StandardCharsets.ISO_8859_1)) {
                String[] f = line.split(" ");
                String point = f.length > 1 ? unescape(f[1]) : "";
                if (point.equals(prefix) || point.startsWith(prefix + "/")) {
                    found.add(Path.of(point));
                }
            }
        } catch (IOException e) {
            // No mount table: nothing to detach.
        }
        found.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        return found;
    }

    /** The mount table writes space, tab, newline and backslash as octal escapes. */
    private static String unescape(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\\' && i + 3 < s.length() && s.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }

    /**
     * Deletes the tree without following links (a link is removed, not its target) and without
     * entering another file system, in case something is still mounted below.
     */
    private static void deleteTree(Path root) {
        try {
            Object device = Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS);
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    return device.equals(Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS))
                            ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // What is left is reported as still there.
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // Reported by the caller's check.
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
