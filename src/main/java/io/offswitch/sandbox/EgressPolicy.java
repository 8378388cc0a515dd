package io.offswitch.sandbox;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A hardening of a world's network: what the agent's machine may reach and how much it may send,
 * enforced by the kernel in the world's router (nftables), not by anything in the agent's machine, so
 * nothing the agent runs can lift it. Only the agent's machine is restricted; the hosts answer as before.
 *
 * @param allowed         the declared services the agent's machine may open connections to, as
 *                        {@code host:port} (host names of the world); every other declared service is
 *                        refused with a reset, and each refusal is counted
 * @param uploadCapBytes  how many bytes (at the IP layer, headers included) the agent's machine may send
 *                        across the network in all; past it, each further packet is refused with a reset
 *                        and counted. Connections to an undeclared port are refused in every world anyway.
 */
public record EgressPolicy(Set<String> allowed, long uploadCapBytes) {
    public EgressPolicy {
        allowed = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(allowed));
        for (String a : allowed) {
            int colon = a.lastIndexOf(':');
            if (colon <= 0 || !a.substring(colon + 1).matches("[0-9]{1,5}")) {
                throw new IllegalArgumentException("an allowed destination is host:port, not '" + a + "'");
            }
        }
        if (uploadCapBytes <= 0) {
            throw new IllegalArgumentException("an upload cap is a positive number of bytes, not " + uploadCapBytes);
        }
    }

    /** Throws unless every allowed destination is a service {@code spec} declares. */
    void checkAgainst(List<HostSpec> hosts) {
        Set<String> declared = new TreeSet<>();
        hosts.forEach(h -> h.services().forEach(s -> declared.add(h.name() + ":" + s.port())));
        for (String a : allowed) {
            if (!declared.contains(a)) {
                throw new IllegalArgumentException("the egress allowlist names " + a + ", which is no service of this world (its services: "
                        + String.join(", ", declared) + ")");
            }
        }
    }

    public boolean allows(String host, int port) {
        return allowed.contains(host + ":" + port);
    }
}
