package io.offswitch.sandbox;

import java.time.Duration;

/**
 * Resource limits for one sandbox. The disk limit applies to each writable filesystem (home, /tmp,
 * /var/tmp, /dev/shm); all of them are memory, so the memory limit bounds their sum as well. The output
 * cap of a command is per call ({@link ExecRequest}).
 */
public record Limits(long memoryBytes, int maxProcesses, Duration cpuTimePerProcess, long diskBytes) {
    /**
     * Open descriptors per process (soft, hard): the kernel's own defaults, whatever the harness has
     * (it needs many more). The hard limit cannot be raised from inside.
     */
    public static final int OPEN_FILES = 1024;
    public static final int OPEN_FILES_HARD = 4096;

    /**
     * Files, directories, links (each hard link counts) and whiteouts one writable memory filesystem of
     * a sandbox may hold (its tmpfs nr_inodes). Without it an agent could make millions of empty files
     * in a few megabytes, and every reading of that disk from outside would run out of time; with it a
     * whole disk stays below {@link HostDisk#MAX_ENTRIES} and is always read whole.
     */
    public static final int FILES_PER_DISK = 32_768;

    public static Limits defaults() {
        // The published shutdown experiment gave each container 256 MB; leave room for python3 and git.
        return new Limits(512L << 20, 256, Duration.ofSeconds(60), 64L << 20);
    }
}
