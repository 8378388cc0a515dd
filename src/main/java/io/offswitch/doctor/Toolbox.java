package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the doctor finds things on this machine. Tests replace a binary with a broken path to see a
 * check fail; production uses {@link #system()}.
 *
 * @param binaries   command name to the path (or name looked up on PATH) to run for it
 * @param cgroupRoot the cgroup file system, normally {@code /sys/fs/cgroup}
 * @param uid        the effective uid of this process
 */
record Toolbox(Map<String, String> binaries, Path cgroupRoot, int uid) {
    /** The unprivileged uid the sandbox probe drops to when running as root. */
    static final int PROBE_UID = 1000;

    Toolbox {
        binaries = Map.copyOf(binaries);
    }

    static Toolbox system() {
        return new Toolbox(Map.of(), Path.of("/sys/fs/cgroup"), effectiveUid());
    }

    /** The command to run for {@code name}: an injected path, or the name itself (found on PATH). */
    String bin(String name) {
        return binaries.getOrDefault(name, name);
    }

    /** Where the programs sandboxes see live (sandboxes mount the host's /usr read-only). */
    String usrBin() {
        return binaries.getOrDefault("usr-bin", "/usr/bin");
    }

    Toolbox withBinary(String name, String path) {
        var copy = new HashMap<>(binaries);
        copy.put(name, path);
        return new Toolbox(copy, cgroupRoot, uid);
    }

    boolean root() {
        return uid == 0;
    }

    /** Reads the effective uid from /proc (the JDK has no portable API for it). */
    private static int effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Integer.parseInt(line.split("\\s+")[2]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Fall through: treat as unprivileged, the safe assumption.
        }
        return -1;
    }
}
