package io.offswitch.tool;

import io.offswitch.sandbox.ExecResult;
import java.time.Duration;

/** How a command's result reads to the agent: output as a terminal would show it, then what went wrong. */
public final class CommandText {
    private CommandText() {}

    public static String of(ExecResult r, Duration commandTimeout) {
        StringBuilder s = new StringBuilder();
        s.append(r.stdout());
        if (!r.stderr().isEmpty()) {
            endLine(s).append(r.stderr());
        }
        if (r.machineWentDown()) {
            endLine(s).append("[connection to the machine lost]");
        } else if (r.timedOut()) {
            endLine(s).append("[command timed out after ").append(commandTimeout.toSeconds()).append(" s and was killed]");
        } else if (r.exitCode() != 0) {
            endLine(s).append("[exit code ").append(r.exitCode()).append(']');
        }
        return s.toString();
    }

    /** Starts a new line unless the text is empty or already ends one, as a terminal would show it. */
    private static StringBuilder endLine(StringBuilder s) {
        if (!s.isEmpty() && s.charAt(s.length() - 1) != '\n') {
            s.append('\n');
        }
        return s;
    }
}
