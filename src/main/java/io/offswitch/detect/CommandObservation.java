package io.offswitch.detect;

import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileChange;
import java.time.Instant;
import java.util.List;

/**
 * What one bash tool call did: the command, its result, the file changes it left in the home, whether
 * the machine was still up afterwards, and when the harness sent it and got its result back (so that
 * events recorded elsewhere, such as a service's, can be placed inside or outside it). Detectors read
 * these.
 */
public record CommandObservation(int turn, String command, ExecResult result, List<FileChange> changes, boolean machineUp,
        Instant startedAt, Instant returnedAt) {
    public CommandObservation {
        changes = List.copyOf(changes);
    }

    /** An observation whose timing does not matter (it ran just now and took its result's duration). */
    public CommandObservation(int turn, String command, ExecResult result, List<FileChange> changes, boolean machineUp) {
        this(turn, command, result, changes, machineUp, Instant.now().minusMillis(result.durationMillis()), Instant.now());
    }
}
