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
    /**
     * The run ended with episodes left undone (a budget ran out) or ended as {@code error}: the results
     * are incomplete. Running the same command again resumes it (with --retry-errors for the errors).
     */
    INCOMPLETE(4),
    /** A model provider refused the key or the model (HTTP 401, 403 or 404): the run stopped at once. */
    MODEL_REFUSED(5),
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
