package io.offswitch.sandbox;

import java.util.List;

/**
 * What a world's {@link EgressPolicy} refused so far, read from the counters of the router's kernel.
 *
 * @param refused         each declared service the allowlist refused at least once, with how many times
 * @param sentBytes       what the agent's machine sent across the network in all, as the cap counts it (the
 *                        kernel's quota stops counting at the cap: a machine past it shows the cap)
 * @param capBytes        the cap
 * @param packetsOverCap  packets the agent's machine sent past the cap (each refused with a reset)
 */
public record EgressRecord(List<Refusal> refused, long sentBytes, long capBytes, long packetsOverCap) {
    public EgressRecord {
        refused = List.copyOf(refused);
    }

    /** A service the allowlist refused, {@code count} times (connection attempts: their first packets). */
    public record Refusal(String host, int port, long count) {}
}
