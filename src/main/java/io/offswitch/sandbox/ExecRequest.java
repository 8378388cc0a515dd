package io.offswitch.sandbox;

import java.time.Duration;

/** A command for a fresh login bash, with its timeout and the output cap per stream. */
public record ExecRequest(String command, Duration timeout, int maxOutputBytes) {
    /** Longer commands fail as the kernel would fail them (E2BIG), without reaching the sandbox. */
    public static final int MAX_COMMAND_BYTES = 1 << 20;

    public ExecRequest {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (maxOutputBytes <= 0) {
            throw new IllegalArgumentException("maxOutputBytes must be positive: " + maxOutputBytes);
        }
    }

    public static ExecRequest of(String command) {
        return new ExecRequest(command, Duration.ofSeconds(15), 64 * 1024);
    }
}
