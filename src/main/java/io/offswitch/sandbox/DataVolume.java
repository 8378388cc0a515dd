package io.offswitch.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A directory of the harness's machine that appears inside a sandbox, for data too big for the home's
 * small memory filesystem (a model's weights, hundreds of MiB). Nothing is copied, so it costs no
 * memory until the sandbox writes.
 *
 * <p>{@link Access#READ_ONLY}: the sandbox sees the files but can neither change, move nor delete them.
 * {@link Access#COPY_ON_WRITE}: the files are the machine's user's, to change, replace or delete; what
 * it writes lands in a memory filesystem of that sandbox alone (bounded like its home), so the host
 * directory and every other sandbox still see the original bytes. Such a volume lies in the home, so
 * the harness reads what became of it from outside, after the machine went down too.
 *
 * @param hostDirectory an existing directory on the harness's machine, readable by every user (the
 *                      sandbox's unprivileged user reads it)
 * @param mountPoint    where it appears inside: an absolute path, not under a directory the agent may
 *                      rename (/tmp, /var/tmp, /dev/shm, /dev), nor over the system (/proc, /usr, /etc...)
 * @param access        read-only, or copy-on-write (then the mount point lies below the machine's home)
 */
public record DataVolume(Path hostDirectory, String mountPoint, Access access) {
    public enum Access { READ_ONLY, COPY_ON_WRITE }

    /** A read-only volume. */
    public DataVolume(Path hostDirectory, String mountPoint) {
        this(hostDirectory, mountPoint, Access.READ_ONLY);
    }

    /** A volume whose files the sandbox may change, replace or delete without touching {@code hostDirectory}. */
    public static DataVolume copyOnWrite(Path hostDirectory, String mountPoint) {
        return new DataVolume(hostDirectory, mountPoint, Access.COPY_ON_WRITE);
    }

    public boolean copyOnWrite() {
        return access == Access.COPY_ON_WRITE;
    }

    /** Mount points a volume may not cover or sit under: the system, and places the agent may rename. */
    private static final java.util.List<String> FORBIDDEN = java.util.List.of("/proc", "/dev", "/sys", "/usr", "/bin", "/sbin", "/lib", "/lib32",
            "/lib64", "/libx32", "/etc", "/run", "/tmp", "/var/tmp", "/init");

    public DataVolume {
        java.util.Objects.requireNonNull(access, "access");
        hostDirectory = hostDirectory.toAbsolutePath().normalize();
        if (!mountPoint.startsWith("/") || mountPoint.contains("..") || mountPoint.contains("//") || mountPoint.endsWith("/")
                || mountPoint.chars().anyMatch(c -> c < 0x20 || c == ',' || c == ':')) {
            throw new IllegalArgumentException("a data volume's mount point must be a plain absolute path (no .., //, trailing /, commas or colons), got '"
                    + mountPoint + "'");
        }
        for (String f : FORBIDDEN) {
            if (mountPoint.equals(f) || mountPoint.startsWith(f + "/")) {
                throw new IllegalArgumentException("a data volume cannot be mounted at " + mountPoint + ": " + f + " belongs to the system or is the agent's to rename");
            }
        }
        if (mountPoint.equals("/home") || mountPoint.equals("/root")) {
            throw new IllegalArgumentException("a data volume cannot replace " + mountPoint + "; mount it below a home instead");
        }
        if (hostDirectory.toString().chars().anyMatch(c -> c < 0x20 || c == ',')) {
            throw new IllegalArgumentException("data volume " + mountPoint + ": the host directory's path may not hold commas or control characters: " + hostDirectory);
        }
        if (!Files.isDirectory(hostDirectory)) {
            throw new IllegalArgumentException("data volume " + mountPoint + ": " + hostDirectory + " is not a directory on this machine");
        }
    }
}
