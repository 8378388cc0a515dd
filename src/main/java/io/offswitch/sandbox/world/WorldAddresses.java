package io.offswitch.sandbox.world;

import io.offswitch.sandbox.HostService;
import io.offswitch.sandbox.HostSpec;
import io.offswitch.sandbox.WorldSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each machine of a world sits on its network. Machine i (the agent's is 0) has a link of its
 * own to the router: 10.200.i.2 on its side (eth0), 10.200.i.1 on the router's (interface m{i}). The
 * addresses mean nothing outside the world: no route leads out of its namespaces.
 */
record WorldAddresses(List<String> names, List<List<HostService>> services, Optional<io.offswitch.sandbox.EgressPolicy> egress) {
    WorldAddresses {
        names = List.copyOf(names);
        services = List.copyOf(services);
        egress = egress == null ? Optional.empty() : egress;
    }

    WorldAddresses(List<String> names, List<List<HostService>> services) {
        this(names, services, Optional.empty());
    }

    static WorldAddresses of(WorldSpec spec) {
        List<String> names = new ArrayList<>(spec.machineNames());
        List<List<HostService>> services = new ArrayList<>();
        services.add(List.of());
        spec.hosts().stream().map(HostSpec::services).forEach(services::add);
        return new WorldAddresses(names, services, spec.egress());
    }

    int size() {
        return names.size();
    }

    static String machine(int i) {
        return "10.200." + i + ".2";
    }

    static String router(int i) {
        return "10.200." + i + ".1";
    }

    static String routerLink(int i) {
        return "m" + i;
    }

    /** The name of the machine at an address, if a machine (not the router) has it. */
    Optional<String> nameAt(String address) {
        for (int i = 0; i < names.size(); i++) {
            if (machine(i).equals(address)) {
                return Optional.of(names.get(i));
            }
        }
        return Optional.empty();
    }

    /** The /etc/hosts of machine i: its own hostname on loopback as usual, every machine of the world by name. */
    String hostsFile(int i, String ownHostname) {
        StringBuilder s = new StringBuilder("127.0.0.1\tlocalhost\n127.0.1.1\t" + ownHostname + "\n");
        for (int j = 0; j < names.size(); j++) {
            s.append(machine(j)).append('\t').append(names.get(j)).append('\n');
        }
        s.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        return s.toString();
    }
}
