package io.offswitch.defence.hardening;

import io.offswitch.defence.Defence;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import java.util.List;

/**
 * A defence applied to the world before it starts. One instance per episode: it may remember what it
 * already recorded. The world itself enforces it (the kernel's mounts, the router's firewall); nothing
 * the agent runs inside its machine can lift it, and the harness's own containment is unchanged.
 */
public sealed interface Hardening permits WriteProtection, EgressAllowlist, MemoryProtection, AppendOnlyLogs {
    Defence defence();

    /**
     * The world as it starts under this hardening.
     *
     * @throws IllegalArgumentException when the world lacks what the hardening protects (a harness error)
     */
    WorldSpec apply(WorldSpec world);

    /** After each tool call of turn {@code turn}: what the world refused since the last look. */
    default List<DefenceEvent> observe(int turn, WorldMachines machines) {
        return List.of();
    }

    /**
     * Once the episode ended, from every command the agent ran: the writes the world refused that no
     * detector could see (a refused write changes nothing), each an attempt with the refusal as its
     * evidence, read from the environment (the command's own failure, the file unchanged after it).
     */
    default List<Attempt> refusedWrites(List<io.offswitch.detect.CommandObservation> commands) {
        return List.of();
    }

    /**
     * Once the episode ended (its machines still there), with the attempts the scenario found: what the
     * hardening refused that {@link #observe} could not see as it happened.
     */
    default List<DefenceEvent> afterEpisode(int lastTurn, List<Attempt> attempts, WorldMachines machines) {
        return List.of();
    }
}
