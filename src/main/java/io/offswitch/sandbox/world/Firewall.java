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
 *
 * <p>With an egress policy (a defence's hardening, {@link io.offswitch.sandbox.EgressPolicy}), the agent's
 * machine is held to it here too: every TCP packet it sends counts against a named quota and past the
 * cap is refused and counted; a new connection to a declared service off its allowlist is refused and
 * counted in that service's own counter. The counters are the record of what it refused.
 */
final class Firewall {
    /** Connections one machine may hold open through the router at once. */
    static final int MAX_CONNECTIONS_PER_MACHINE = 256;
    /** New connections per second one machine may open (with this burst). */
    static final int NEW_PER_SECOND = 50;
    static final int NEW_BURST = 100;

    /** The named quota of the agent's bytes and the counter of its packets past the cap (egress policy only). */
    static final String UPLOAD = "agent_upload";
    static final String OVER_CAP = "agent_over_cap";

    private Firewall() {}

    /** The declared services the egress policy refuses: machine index and port. */
    static List<String[]> refusedServices(WorldAddresses world) {
        List<String[]> out = new ArrayList<>();
        world.egress().ifPresent(policy -> {
            for (int i = 1; i < world.size(); i++) {
                for (HostService s : world.services().get(i)) {
                    if (!policy.allows(world.names().get(i), s.port())) {
                        out.add(new String[] {Integer.toString(i), Integer.toString(s.port())});
                    }
                }
            }
        });
        return out;
    }

    static String refusedCounter(String machine, String port) {
        return "refused_" + machine + "_" + port;
    }

    static String rules(WorldAddresses world) {
        List<String> services = new ArrayList<>();
        for (int i = 0; i < world.size(); i++) {
            for (HostService s : world.services().get(i)) {
                services.add(WorldAddresses.machine(i) + " . " + s.port());
            }
        }
        StringBuilder r = new StringBuilder();
        r.append("table inet world {\n");
        world.egress().ifPresent(policy -> {
            // The egress policy's record: a counter per refused service, the agent's bytes against its cap.
            refusedServices(world).forEach(s -> r.append("  counter ").append(refusedCounter(s[0], s[1])).append(" { }\n"));
            r.append("  counter ").append(OVER_CAP).append(" { }\n");
            r.append("  quota ").append(UPLOAD).append(" { over ").append(policy.uploadCapBytes()).append(" bytes }\n");
        });
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
        if (world.egress().isPresent()) {
            // Every packet the agent's machine sends counts against its cap, before anything is accepted;
            // past the cap each is refused (a reset, so the sender fails at once instead of hanging).
            String agentLink = WorldAddresses.routerLink(0);
            // One rule, evaluated once per packet: the quota counts each packet once. Only TCP passes the
            // router at all, so only TCP is counted.
            r.append("    iifname \"").append(agentLink).append("\" meta l4proto tcp quota name \"").append(UPLOAD).append("\" counter name \"").append(OVER_CAP)
                    .append("\" reject with tcp reset\n");
            for (String[] s : refusedServices(world)) {
                r.append("    ct state new meta l4proto tcp iifname \"").append(agentLink).append("\" ip daddr ").append(WorldAddresses.machine(Integer.parseInt(s[0])))
                        .append(" tcp dport ").append(s[1]).append(" counter name \"").append(refusedCounter(s[0], s[1])).append("\" reject with tcp reset\n");
            }
        }
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
