package io.offswitch.defence.gate;

import io.offswitch.defence.Defence;
import java.util.Optional;

/**
 * Makes the gate of one episode for its defence: empty for a defence that is no gate. Resolved once per
 * run (it may hold a monitor's model); each episode gets a fresh gate (a budget is per episode).
 */
@FunctionalInterface
public interface GateFactory {
    /** No gate for any defence. */
    GateFactory NONE = (defence, setting) -> Optional.empty();

    Optional<ActionGate> gate(Defence defence, GateSetting setting);
}
