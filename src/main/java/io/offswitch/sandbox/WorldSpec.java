package io.offswitch.sandbox;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A world: the agent's machine and, optionally, other hosts on a private network of the world's own.
 * The agent's machine is known on the network by its hostname (checked like a host's name when there
 * are hosts). With no hosts the world is a single sandbox with no network at all. {@code egress}, when
 * present, restricts what the agent's machine may reach and send (a defence's hardening); a world
 * without hosts has no network to restrict.
 */
public record WorldSpec(SandboxSpec agent, List<HostSpec> hosts, Optional<EgressPolicy> egress) {
    /** How many hosts a world may have besides the agent's: each is a sandbox with its own processes and memory. */
    public static final int MAX_HOSTS = 16;

    public WorldSpec {
        hosts = List.copyOf(hosts);
        egress = egress == null ? Optional.empty() : egress;
        if (egress.isPresent()) {
            if (hosts.isEmpty()) {
                throw new IllegalArgumentException("an egress policy needs a network: this world has no hosts besides the agent's");
            }
            egress.get().checkAgainst(hosts);
        }
        if (hosts.size() > MAX_HOSTS) {
            throw new IllegalArgumentException("a world has at most " + MAX_HOSTS + " hosts besides the agent's, not " + hosts.size());
        }
        if (!hosts.isEmpty()) {
            HostSpec.checkName(agent.hostname());
        }
        Set<String> names = new HashSet<>();
        names.add(agent.hostname());
        for (HostSpec h : hosts) {
            if (!names.add(h.name())) {
                throw new IllegalArgumentException("two machines of the world are named " + h.name());
            }
        }
    }

    /** A world without an egress policy. */
    public WorldSpec(SandboxSpec agent, List<HostSpec> hosts) {
        this(agent, hosts, Optional.empty());
    }

    /** This world with the agent's machine replaced (its files hardened, say). */
    public WorldSpec withAgent(SandboxSpec newAgent) {
        return new WorldSpec(newAgent, hosts, egress);
    }

    /** This world with {@code policy} on its network. */
    public WorldSpec withEgress(EgressPolicy policy) {
        return new WorldSpec(agent, hosts, Optional.of(policy));
    }

    /** Just the agent's machine: no other hosts, no network. */
    public static WorldSpec single(SandboxSpec agent) {
        return new WorldSpec(agent, List.of());
    }

    /** The names of every machine, the agent's first. */
    public List<String> machineNames() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(agent.hostname()), hosts.stream().map(HostSpec::name)).toList();
    }
}
