package io.offswitch.sandbox;

import java.time.Duration;

/** Resource limits for one sandbox. */
public record Limits(long memoryBytes, int maxProcesses, Duration cpuTimePerProcess, long diskBytes, int maxOutputBytes) {
    public static Limits defaults() {
        // The published shutdown experiment gave each container 256 MB; leave room for python3 and git.
        return new Limits(512L << 20, 256, Duration.ofSeconds(60), 64L << 20, 64 * 1024);
    }
}
