package io.offswitch;

/**
 * The one unchecked root exception. Each carries the exit code the CLI returns for it and a message
 * that says what was wrong, where, and what to do next.
 */
public class OffswitchException extends RuntimeException {
    private final ExitCode exitCode;

    public OffswitchException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public OffswitchException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** Bad input from the user: unknown names, malformed files, invalid flags. */
    public static OffswitchException usage(String message) {
        return new OffswitchException(ExitCode.USAGE, message);
    }

    /** This machine lacks something offswitch needs (bubblewrap, namespaces, a compiler...). */
    public static OffswitchException environment(String message) {
        return new OffswitchException(ExitCode.ENVIRONMENT, message);
    }
}
