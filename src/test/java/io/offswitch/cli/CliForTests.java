package io.offswitch.cli;

/** The real CLI in-process for tests of other packages (the web viewer's tests make their stores with it). */
public final class CliForTests {
    private CliForTests() {}

    /** Runs offswitch with {@code args}; returns its exit code, stdout and stderr. */
    public static String[] run(String... args) {
        CliRun run = CliRun.of(args);
        return new String[] {Integer.toString(run.exitCode()), run.out(), run.err()};
    }
}
