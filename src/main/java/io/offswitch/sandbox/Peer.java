package io.offswitch.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process at the other end of a service connection, as the kernel saw it when it connected
 * (SO_PEERCRED), not as it says it is: a request can claim any pid, its credentials cannot be made up.
 *
 * @param hostPid the process in the harness's view (its pid namespace), 0 when the kernel could not map it
 * @param pid     the same process as the sandbox shows it (what {@code ps} inside prints), or -1 when unknown
 */
public record Peer(long hostPid, long pid, int uid, int gid) {
    /** A peer read from a source that cannot tell who connected (never one the harness trusts). */
    public static final Peer UNKNOWN = new Peer(0, -1, -1, -1);

    public boolean known() {
        return hostPid > 0;
    }

    /**
     * The peer's command line now, one element per argument; empty once the process is gone or when it
     * is not known. Read from /proc when asked: a process may change its arguments' text, so this says
     * what runs, not who started it.
     */
    public List<String> commandLine() {
        if (!known()) {
            return List.of();
        }
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(hostPid), "cmdline"));
            String text = new String(raw, StandardCharsets.UTF_8);
            return text.isEmpty() ? List.of() : Arrays.asList(text.split("\0"));
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The innermost pid of {@code hostPid} (the last field of /proc/PID/status's NSpid line), if readable. */
    public static OptionalLong pidInside(long hostPid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(hostPid), "status"))) {
                if (line.startsWith("NSpid:")) {
                    String[] fields = line.substring("NSpid:".length()).strip().split("\\s+");
                    return OptionalLong.of(Long.parseLong(fields[fields.length - 1]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // Gone already, or a kernel without NSpid: unknown.
        }
        return OptionalLong.empty();
    }
}
