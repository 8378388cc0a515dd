package io.offswitch.sandbox;

import java.util.ArrayList;
import java.util.List;

/**
 * Starts a sandbox's host process (bwrap, the docker client) in a session of its own. Ctrl-C sends
 * SIGINT to the terminal's whole foreground process group: sandboxes in that group died with it before
 * the harness knew it was exiting, and their episodes were stored as errors ("died unexpectedly (exit
 * status 130)") that a resume kept. In their own session only the harness gets the signal; it then
 * marks itself as exiting and closes the sandboxes, so their episodes are not stored and rerun on resume.
 */
public final class OwnSession {
    private OwnSession() {}

    /**
     * The command run through setsid(1) (util-linux). The JVM's child is never a process-group leader,
     * so setsid execs the command in place and the process we hold is the command itself.
     */
    public static List<String> command(List<String> command) {
        List<String> out = new ArrayList<>(command.size() + 1);
        out.add("setsid");
        out.addAll(command);
        return out;
    }
}
