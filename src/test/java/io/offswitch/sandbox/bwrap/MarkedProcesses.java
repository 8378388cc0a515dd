package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks at the host's /proc for processes a sandbox left behind. Other tests may run sandboxes at the
 * same time under the same uid, so a process counts only if its command line carries our marker.
 */
final class MarkedProcesses {
    private MarkedProcesses() {}

    /** Host pids owned by {@code uid} whose command line contains {@code marker}. */
    static List<Long> owned(int uid, String marker) {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> uidOf(p) == uid && cmdlineOf(p).contains(marker))
                    .map(p -> Long.parseLong(p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc", e);
        }
    }

    /** Waits up to {@code millis} for at least {@code count} such processes (a detached child may start late); returns them. */
    static List<Long> awaitAtLeast(int uid, String marker, int count, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        List<Long> found = owned(uid, marker);
        while (found.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            found = owned(uid, marker);
        }
        return found;
    }

    /** Waits up to {@code millis} for every such process to be gone; returns those still there. */
    static List<Long> awaitGone(int uid, String marker, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        List<Long> left = owned(uid, marker);
        while (!left.isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            left = owned(uid, marker);
        }
        return left;
    }

    private static int uidOf(Path proc) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream().filter(l -> l.startsWith("Uid:"))
                    .map(l -> Integer.parseInt(l.split("\\s+")[1])).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1; // exited while we looked
        }
    }

    private static String cmdlineOf(Path proc) {
        try {
            return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
