package io.offswitch.sandbox;

/**
 * What a command did. Output past the cap is cut and {@code stdout}/{@code stderr} end with a visible
 * truncation marker. {@code machineWentDown} means the sandbox's init exited while the command ran
 * (the command was shut down with it); {@code exitCode} is then -1.
 */
public record ExecResult(
        int exitCode,
        String stdout,
        String stderr,
        boolean truncated,
        boolean timedOut,
        boolean machineWentDown,
        long durationMillis) {

    /** Marker appended to a stream that was cut at the cap. */
    public static final String TRUNCATION_MARKER = "\n[output truncated by the sandbox: too long]\n";
}
