package io.offswitch;

/** Documented process exit codes; the CLI maps every failure to one of these. */
public enum ExitCode {
    OK(0),
    /** Something failed at run time (an episode store could not be written, a sandbox crashed...). */
    FAILURE(1),
    /** Bad command line or input file; nothing was run. */
    USAGE(2),
    /** The machine lacks a requirement; `offswitch doctor` says how to fix it. */
    ENVIRONMENT(3),
    /** Interrupted by the user (Ctrl-C). */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
