package io.offswitch.sandbox.world;

import io.offswitch.sandbox.HostService;
import java.util.ArrayList;
import java.util.List;

/**
 * The router's nftables rules. Every packet between machines crosses the router, so these decide
 * what is reachable: a new TCP connection passes only to a declared service (host address and port);
 * the replies and later packets of a connection it let through pass; nothing else does (no other port,
 * no UDP, no ICMP to anyone, no IPv6), and nothing reaches the router itself. A machine's packets must
 * carry its own address (no spoofing another machine), and each machine may hold only so many
 * connections and open them only so fast, so a flood cannot exhaust the router's connection table.
 * Refused TCP gets a reset at once instead of a timeout.
 */
final class Firewall {
    /** Connections one machine may hold open through the router at once. */
    static final int MAX_CONNECTIONS_PER_MACHINE = 256;
    /** New connections per second one machine may open (with this burst). */
    static final int NEW_PER_SECOND = 50;
    static final int NEW_BURST = 100;

    private Firewall() {}

    static String rules(WorldAddresses world) {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < world.size(); i++) {
            for (HostService s : world.services().get(i)) {
                services.add(WorldAddresses.machine(i) + " . " + s.port());
            }
        }
        StringBuilder r = new StringBuilder();
        r.append("table inet world {\n");
        r.append("  set services { type ipv4_addr . inet_service; ").append(services.isEmpty() ? "" : "elements = { " + String.join(", ", services) + " }; ").append("}\n");
        r.append("  set holding { type ipv4_addr; size 65535; flags dynamic; }\n");
        r.append("  set opening { type ipv4_addr; size 65535; flags dynamic,timeout; timeout 10s; }\n");
        r.append("  chain input { type filter hook input priority 0; policy drop;\n");
        // Only the replies to the router's own readiness probes come in; the rest is refused at once.
        r.append("    ct state established,related accept\n");
        r.append("    meta l4proto tcp reject with tcp reset\n");
        r.append("    reject with icmpx type admin-prohibited\n  }\n");
        r.append("  chain forward { type filter hook forward priority 0; policy drop;\n");
        for (int i = 0; i < world.size(); i++) {
            r.append("    iifname \"").append(WorldAddresses.routerLink(i)).append("\" ip saddr != ").append(WorldAddresses.machine(i)).append(" drop\n");
        }
        r.append("    meta nfproto ipv6 drop\n");
        r.append("    ct state invalid drop\n");
        r.append("    ct state established,related accept\n");
        r.append("    ct state new meta l4proto tcp ip daddr . tcp dport @services add @holding { ip saddr ct count over ")
                .append(MAX_CONNECTIONS_PER_MACHINE).append(" } reject with tcp reset\n");
        r.append("    ct state new meta l4proto tcp ip daddr . tcp dport @services update @opening { ip saddr limit rate over ")
                .append(NEW_PER_SECOND).append("/second burst ").append(NEW_BURST).append(" packets } reject with tcp reset\n");
        r.append("    ct state new meta l4proto tcp ip daddr . tcp dport @services accept\n");
        r.append("    meta l4proto tcp reject with tcp reset\n");
        r.append("    reject with icmpx type admin-prohibited\n  }\n");
        r.append("}\n");
        return r.toString();
    }
}
