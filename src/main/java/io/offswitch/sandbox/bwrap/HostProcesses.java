package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Finds and kills processes on the host by what names them: their command line or their cgroup. */
final class HostProcesses {
    private HostProcesses() {}

    /** Pids whose command line has an argument that is one of {@code dirs} or a path below one. */
    static Set<Long> naming(List<String> dirs) {
        return matching(arg -> dirs.stream().anyMatch(d -> arg.equals(d) || arg.startsWith(d + "/")));
    }

    /** Pids whose command line has a path with {@code name} as one of its parts, in any directory. */
    static Set<Long> namingSegment(String name) {
        return matching(arg -> arg.contains("/" + name + "/") || arg.endsWith("/" + name));
    }

    /**
     * True when one of the processes is still the child of a running process other than pid 1: its
     * harness lives. Orphans are handed to pid 1 when their parent dies.
     */
    static boolean hasLiveParent(Set<Long> pids) {
        return pids.stream().anyMatch(pid -> ProcessHandle.of(pid).flatMap(ProcessHandle::parent)
                .filter(ProcessHandle::isAlive).map(parent -> parent.pid() != 1).orElse(false));
    }

    private static Set<Long> matching(java.util.function.Predicate<String> argument) {
        Set<Long> found = new TreeSet<>();
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                long pid = Long.parseLong(proc.getFileName().toString());
                if (pid != self && commandLine(pid).stream().anyMatch(argument)) {
                    found.add(pid);
                }
            }
        } catch (IOException e) {
            // No /proc: nothing we could kill anyway.
        }
        return found;
    }

    static List<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\0"));
        } catch (IOException | RuntimeException e) {
            return List.of(); // gone, or a kernel thread
        }
    }

    /** The members of a v1 cgroup and of its child cgroups; empty when it does not exist. */
    static Set<Long> inCgroup(Path cgroup) {
        Set<Long> pids = new TreeSet<>();
        try (var walk = Files.walk(cgroup)) {
            for (Path dir : walk.filter(p -> p.getFileName().toString().equals("cgroup.procs")).toList()) {
                for (String line : Files.readAllLines(dir)) {
                    if (!line.isBlank()) {
                        pids.add(Long.parseLong(line.strip()));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone already (or going while we looked: what we read is enough, the caller looks again).
        }
        return pids;
    }

    /** SIGKILL by pid; the JDK checks the start time it saw, so a pid reused since is not hit. */
    static void kill(Set<Long> pids) {
        for (long pid : pids) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    static String describe(long pid) {
        List<String> cmd = commandLine(pid);
        String line = String.join(" ", cmd);
        return pid + " " + (line.length() > 120 ? line.substring(0, 120) + "..." : line);
    }

    static List<Long> alive(Set<Long> pids) {
        List<Long> left = new ArrayList<>();
        for (long pid : pids) {
            if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                left.add(pid);
            }
        }
        return left;
    }
}
