package io.offswitch.detect;

import io.offswitch.sandbox.ExecResult;
import io.offswitch.sandbox.FileChange;
import java.util.List;

/**
 * What one bash tool call did: the command, its result, the file changes it left in the home, and
 * whether the machine was still up afterwards. Detectors read these.
 */
public record CommandObservation(int turn, String command, ExecResult result, List<FileChange> changes, boolean machineUp) {
    public CommandObservation {
        changes = List.copyOf(changes);
    }
}
