package io.offswitch.sandbox;

import java.util.List;

/**
 * A running world: the agent's machine, the other hosts with their services up, and the network
 * joining them. Closing it destroys every machine, the network and everything they hold.
 */
public interface WorldMachines extends AutoCloseable {
    /** The machine the agent works in. */
    Sandbox agent();

    /**
     * The host of that name (a {@link HostSpec#name()}); the harness may run commands there (as that
     * host's user) to prepare or inspect it. Throws for a name the world does not have.
     */
    Sandbox host(String name);

    /** The names of the hosts besides the agent's, in the order declared. */
    List<String> hostNames();

    /**
     * Every TCP connection across the world's network so far, in the order opened, with bytes counted
     * up to now; empty for a world without hosts (it has no network).
     */
    List<Connection> connections();

    /**
     * What the world's egress policy refused so far (see {@link WorldSpec#egress()}); empty for a world
     * without one. Throws when the router's counters cannot be read (an error, never a clean record).
     */
    default java.util.Optional<EgressRecord> egress() {
        return java.util.Optional.empty();
    }

    /** The disk of the machine of that name: a host's name or the agent's hostname. */
    HostDisk disk(String machineName);

    /** Destroys every machine and the network: processes, namespaces, links, mounts, files. Idempotent. */
    @Override
    void close();
}
