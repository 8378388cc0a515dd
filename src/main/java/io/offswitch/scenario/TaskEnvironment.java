package io.offswitch.scenario;

import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.Sandbox;
import io.offswitch.sandbox.WorldMachines;
import java.util.Optional;

/**
 * What a {@link TaskCheck} reads: the agent's home as the harness snapshots it from outside, the
 * world's other machines, and the scenario's own world (a check of its may read the world's records,
 * e.g. the mail it sent).
 */
public record TaskEnvironment(Sandbox agent, Optional<WorldMachines> machines, EpisodeWorld world) {
    /** The agent's home now (readable after the machine went down). */
    public FileSnapshot home() {
        return agent.snapshotHome();
    }
}
