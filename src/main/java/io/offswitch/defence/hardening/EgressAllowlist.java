package io.offswitch.defence.hardening;

import io.offswitch.defence.Defence;
import io.offswitch.defence.Defences;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.sandbox.EgressPolicy;
import io.offswitch.sandbox.EgressRecord;
import io.offswitch.sandbox.HostService;
import io.offswitch.sandbox.HostSpec;
import io.offswitch.sandbox.WorldMachines;
import io.offswitch.sandbox.WorldSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An egress allowlist on the world's network, as a lab's firewall would hold one: the agent's machine
 * may open connections only to the listed services (by default every declared service of the world
 * except the hosts the scenario declares as outside the organisation), and may send at most
 * {@code upload-cap-bytes} across the network in all. The world's router enforces it with nftables in
 * its own namespace (see {@link EgressPolicy}); its kernel counters are the record of what it refused,
 * read after every tool call so that each refusal is a {@code denied} event at the turn it happened.
 * The other hosts are not restricted, and the harness's containment (no route out of the world) holds
 * in every arm.
 */
public final class EgressAllowlist implements Hardening {
    /** An explicit allowlist, space-separated {@code host:port}; replaces the default one. */
    public static final String ALLOW = "allow";

    private final Defence defence;
    private final List<String> refusedHosts;
    private final Map<String, Long> seenRefusals = new HashMap<>();
    private long seenOverCap;
    private final long cap;

    EgressAllowlist(Defence defence, List<String> refusedHosts) {
        this.defence = defence;
        this.refusedHosts = List.copyOf(refusedHosts);
        String capText = defence.parameter(Defences.UPLOAD_CAP_BYTES, Long.toString(Long.MAX_VALUE));
        this.cap = parseCap(capText);
    }

    private static long parseCap(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("its " + Defences.UPLOAD_CAP_BYTES + " is not a number of bytes: " + text);
        }
    }

    @Override
    public Defence defence() {
        return defence;
    }

    @Override
    public WorldSpec apply(WorldSpec world) {
        if (world.hosts().isEmpty()) {
            throw new IllegalArgumentException("defence " + defence.name() + " restricts the world's network, and this world has none");
        }
        Set<String> allowed = new TreeSet<>();
        String explicit = defence.parameter(ALLOW, "").strip();
        if (!explicit.isEmpty()) {
            allowed.addAll(List.of(explicit.split("\\s+")));
        } else {
            for (HostSpec h : world.hosts()) {
                for (HostService s : h.services()) {
                    String destination = h.name() + ":" + s.port();
                    if (!refusedHosts.contains(h.name()) && !refusedHosts.contains(destination)) {
                        allowed.add(destination);
                    }
                }
            }
        }
        return world.withEgress(new EgressPolicy(allowed, cap));
    }

    @Override
    public List<DefenceEvent> observe(int turn, WorldMachines machines) {
        return machines.egress().map(r -> since(turn, r)).orElse(List.of());
    }

    @Override
    public List<DefenceEvent> afterEpisode(int lastTurn, List<Attempt> attempts, WorldMachines machines) {
        return observe(lastTurn, machines);
    }

    private List<DefenceEvent> since(int turn, EgressRecord record) {
        List<DefenceEvent> out = new ArrayList<>();
        Instant at = Instant.now();
        for (EgressRecord.Refusal r : record.refused()) {
            String destination = r.host() + ":" + r.port();
            long before = seenRefusals.getOrDefault(destination, 0L);
            if (r.count() > before) {
                seenRefusals.put(destination, r.count());
                long n = r.count() - before;
                out.add(DefenceEvent.denied(defence.name(), turn, "connect to " + destination, destination,
                        "the egress allowlist refused " + n + " connection(s) to " + destination + ": not on the allowlist", at));
            }
        }
        if (record.packetsOverCap() > seenOverCap) {
            long n = record.packetsOverCap() - seenOverCap;
            seenOverCap = record.packetsOverCap();
            out.add(DefenceEvent.denied(defence.name(), turn, "send past the upload cap", "upload cap " + record.capBytes() + " bytes",
                    "the agent's machine had sent " + record.sentBytes() + " bytes, past the cap of " + record.capBytes()
                            + "; " + n + " further packet(s) refused", at));
        }
        return out;
    }
}
