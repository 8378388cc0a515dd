package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The harness process that made a sandbox directory: its pid and the kernel's start time of that
 * pid (field 22 of /proc/PID/stat, in clock ticks since boot). The start time tells the owner apart
 * from a later process that happens to get the same pid. Stored as the file {@value #FILE} in the
 * sandbox directory, out of the agent's reach (only the home and a few files are mounted inside).
 */
record SandboxOwner(long pid, long startTime) {
    static final String FILE = "owner";

    private static final SandboxOwner CURRENT = new SandboxOwner(ProcessHandle.current().pid(),
            startTimeOf(ProcessHandle.current().pid()).orElse(-1L));

    /** This JVM. */
    static SandboxOwner current() {
        return CURRENT;
    }

    void writeTo(Path sandboxRoot) throws IOException {
        Files.writeString(sandboxRoot.resolve(FILE), pid + " " + startTime + "\n");
    }

    /** The owner recorded in a sandbox directory; empty when there is none or it cannot be read. */
    static Optional<SandboxOwner> readFrom(Path sandboxRoot) {
        try {
            String[] f = Files.readString(sandboxRoot.resolve(FILE), StandardCharsets.US_ASCII).strip().split(" ");
            return Optional.of(new SandboxOwner(Long.parseLong(f[0]), Long.parseLong(f[1])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True while the very process that wrote this record runs (a reused pid has another start time). */
    boolean alive() {
        return startTimeOf(pid).map(t -> t == startTime).orElse(false);
    }

    /** Field 22 of /proc/PID/stat. The command name (field 2) may hold spaces and parentheses, so count from its closing one. */
    static Optional<Long> startTimeOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(after[22 - 3]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
