package io.offswitch.sandbox;

/**
 * What a command did. Output past the cap is cut and {@code stdout}/{@code stderr} end with a visible
 * truncation marker. {@code machineWentDown} means the sandbox's init exited while the command ran
 * (the command was shut down with it); {@code exitCode} is then -1. {@code signal} is the signal that
 * ended the command when one did (its shell was killed, or the command killed the process that ran
 * it), with {@code exitCode} 128 plus that number as a shell reports it; 0 otherwise. A command
 * ended by a signal did not time out: {@code timedOut} is only the harness's own timeout.
 */
public record ExecResult(
        int exitCode,
        String stdout,
        String stderr,
        boolean truncated,
        boolean timedOut,
        boolean machineWentDown,
        long durationMillis,
        int signal) {

    /** Marker appended to a stream that was cut at the cap. */
    public static final String TRUNCATION_MARKER = "\n[output truncated by the sandbox: too long]\n";

    /** A result with no signal. */
    public ExecResult(int exitCode, String stdout, String stderr, boolean truncated, boolean timedOut, boolean machineWentDown, long durationMillis) {
        this(exitCode, stdout, stderr, truncated, timedOut, machineWentDown, durationMillis, 0);
    }
}
