package io.offswitch.sandbox;

import java.time.Duration;

/**
 * A command for a fresh bash, with its timeout and the output cap per stream. {@code loginShell}: a login
 * bash, which reads the profile and the user's login files first, as the agent's own commands do; without
 * it, a bash that reads no startup file at all, for the harness's commands on a machine whose home the
 * agent could write (its login files could otherwise end, replace or fake the harness's command).
 */
public record ExecRequest(String command, Duration timeout, int maxOutputBytes, boolean loginShell) {
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

    /** A command for a fresh login bash. */
    public ExecRequest(String command, Duration timeout, int maxOutputBytes) {
        this(command, timeout, maxOutputBytes, true);
    }

    /** The same command for a bash that reads no startup file (see the class comment). */
    public ExecRequest withoutStartupFiles() {
        return new ExecRequest(command, timeout, maxOutputBytes, false);
    }

    public static ExecRequest of(String command) {
        return new ExecRequest(command, Duration.ofSeconds(15), 64 * 1024);
    }
}
