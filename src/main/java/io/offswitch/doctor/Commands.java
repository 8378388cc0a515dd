package io.offswitch.doctor;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Runs one external command with a timeout and collects its exit code and merged output. */
final class Commands {
    /** Exit code reported when the command could not be started at all (e.g. binary missing). */
    static final int NOT_STARTED = -1;
    /** Exit code reported when the command was killed at its timeout. */
    static final int TIMED_OUT = -2;
    private static final int MAX_OUTPUT = 64 * 1024;

    private Commands() {}

    /** What a command did: its exit code (or NOT_STARTED / TIMED_OUT) and stdout+stderr. */
    record Result(List<String> command, int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        boolean started() {
            return exitCode != NOT_STARTED;
        }

        /** The first line of output, for one-line check details. */
        String firstLine() {
            String trimmed = output.strip();
            int nl = trimmed.indexOf('\n');
            return nl < 0 ? trimmed : trimmed.substring(0, nl);
        }

        /** One line saying how it went, for a check's detail. */
        String describe() {
            return switch (exitCode) {
                case NOT_STARTED -> "could not start " + command.getFirst() + ": " + output;
                case TIMED_OUT -> String.join(" ", command) + " did not finish in time and was killed";
                default -> String.join(" ", command.subList(0, Math.min(3, command.size())))
                        + (command.size() > 3 ? " ..." : "") + " exited " + exitCode
                        + (output.isBlank() ? "" : ": " + output.strip());
            };
        }
    }

    static Result run(List<String> command, Duration timeout) {
        Process process;
        try {
            // stdin from /dev/null: a probe that reads input must not wait for it.
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        } catch (IOException e) {
            return new Result(command, NOT_STARTED, String.valueOf(e.getMessage()));
        }
        // Read on a separate thread so a command that never closes its output cannot block the timeout.
        var output = new AtomicReference<>("");
        Thread reader = Thread.ofVirtual().start(() -> output.set(readCapped(process.getInputStream())));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree(process);
                reader.join(1000);
                return new Result(command, TIMED_OUT, "");
            }
            reader.join(1000);
            return new Result(command, process.exitValue(), output.get());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Result(command, TIMED_OUT, "interrupted");
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String readCapped(InputStream in) {
        try (in) {
            byte[] bytes = in.readNBytes(MAX_OUTPUT);
            in.transferTo(OutputStream.nullOutputStream());
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
