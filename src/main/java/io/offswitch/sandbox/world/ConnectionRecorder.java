package io.offswitch.sandbox.world;

import io.offswitch.sandbox.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of a world's connections, built from the router kernel's connection-tracking events
 * ({@code conntrack -E -o timestamp,id}, run inside the router namespace where no machine can reach
 * it). Counters come with each entry's end (accounting is on in that namespace) and, for connections
 * still open, from a listing of the table ({@link #updateCounters}). The router's own readiness
 * probes are not connections of the world and are left out. Thread-safe.
 */
final class ConnectionRecorder {
    /** Connections kept at most; past this the record is incomplete and says so. */
    static final int MAX_CONNECTIONS = 100_000;

    private static final Pattern EVENT = Pattern.compile("^\\[(\\d+)\\.(\\d+)\\]\\s+\\[(NEW|UPDATE|DESTROY)\\]\\s+tcp\\s+6\\s+(.*)$");
    private static final Pattern ID = Pattern.compile("\\bid=(\\d+)");
    private static final Pattern TUPLE = Pattern.compile("src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)(?: packets=(\\d+) bytes=(\\d+))?");
    private static final Pattern STATE = Pattern.compile("^(?:\\d+ )?([A-Z_]+) ");

    private static final java.util.Set<String> ANSWERED = java.util.Set.of("SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT");

    private final WorldAddresses world;
    private final Map<Long, Entry> byId = new LinkedHashMap<>();
    private final List<Entry> all = new ArrayList<>();
    private int probesSeen;
    private String lost;

    ConnectionRecorder(WorldAddresses world) {
        this.world = world;
    }

    private static final class Entry {
        final String from;
        final String to;
        final int port;
        final Instant openedAt;
        Instant closedAt;
        boolean established;
        boolean destroyed;
        long bytesFromClient;
        long bytesFromServer;

        Entry(String from, String to, int port, Instant openedAt) {
            this.from = from;
            this.to = to;
            this.port = port;
            this.openedAt = openedAt;
        }

        Connection view() {
            return new Connection(from, to, port, openedAt, Optional.ofNullable(closedAt), established, bytesFromClient, bytesFromServer);
        }
    }

    /** Takes one line of conntrack's event output. */
    synchronized void accept(String line) {
        if (line.contains("ENOBUFS") || line.contains("No buffer space")) {
            lost = "the router's kernel dropped connection events (" + line.strip() + ")";
            return;
        }
        Matcher m = EVENT.matcher(line);
        if (!m.matches()) {
            return;
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong((m.group(2) + "000000000").substring(0, 9)));
        String kind = m.group(3);
        String rest = m.group(4);
        Matcher idm = ID.matcher(rest);
        if (!idm.find()) {
            return;
        }
        long id = Long.parseLong(idm.group(1));
        List<long[]> counters = new ArrayList<>();
        Matcher t = TUPLE.matcher(rest);
        String src = null;
        String dst = null;
        int dport = 0;
        while (t.find()) {
            if (src == null) {
                src = t.group(1);
                dst = t.group(2);
                dport = Integer.parseInt(t.group(4));
            }
            if (t.group(6) != null) {
                counters.add(new long[] {Long.parseLong(t.group(6))});
            }
        }
        if (src == null) {
            return;
        }
        Entry e = byId.get(id);
        if (kind.equals("NEW")) {
            Optional<String> from = world.nameAt(src);
            Optional<String> to = world.nameAt(dst);
            if (from.isEmpty() || to.isEmpty()) {
                probesSeen++; // the router's own probe (or nothing of ours)
                return;
            }
            if (all.size() >= MAX_CONNECTIONS) {
                lost = "more than " + MAX_CONNECTIONS + " connections";
                return;
            }
            e = new Entry(from.get(), to.get(), dport, at);
            byId.put(id, e);
            all.add(e);
        }
        if (e == null) {
            return;
        }
        Matcher s = STATE.matcher(rest);
        String state = s.find() ? s.group(1) : "";
        // Answered: the server's SYN-ACK came (SYN_RECV, then ESTABLISHED and the closing states follow
        // only from there), or the entry ended as assured; a reset answering a SYN is none of these.
        if (ANSWERED.contains(state) || kind.equals("DESTROY") && rest.contains("[ASSURED]")) {
            e.established = true;
        }
        if (counters.size() == 2) {
            e.bytesFromClient = Math.max(e.bytesFromClient, counters.get(0)[0]);
            e.bytesFromServer = Math.max(e.bytesFromServer, counters.get(1)[0]);
        }
        if (e.closedAt == null && (kind.equals("DESTROY") || state.equals("TIME_WAIT") || state.equals("CLOSE") || state.equals("LAST_ACK"))) {
            e.closedAt = at;
        }
        if (kind.equals("DESTROY")) {
            e.destroyed = true;
            byId.remove(id);
        }
    }

    /**
     * Takes a listing of the table ({@code conntrack -L -o id}) for the counters of connections still
     * open; the listing has no time, so it never opens or closes one.
     */
    synchronized void updateCounters(String listing) {
        for (String line : listing.split("\n")) {
            Matcher idm = ID.matcher(line);
            if (!line.startsWith("tcp") || !idm.find()) {
                continue;
            }
            Entry e = byId.get(Long.parseLong(idm.group(1)));
            if (e == null) {
                continue;
            }
            Matcher t = TUPLE.matcher(line);
            List<Long> bytes = new ArrayList<>();
            while (t.find()) {
                if (t.group(6) != null) {
                    bytes.add(Long.parseLong(t.group(6)));
                }
            }
            if (bytes.size() == 2) {
                e.bytesFromClient = Math.max(e.bytesFromClient, bytes.get(0));
                e.bytesFromServer = Math.max(e.bytesFromServer, bytes.get(1));
            }
        }
    }

    synchronized List<Connection> connections() {
        return all.stream().map(Entry::view).toList();
    }

    /** Whether events may be missing (the kernel dropped some, or too many connections). */
    synchronized Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    synchronized int probesSeen() {
        return probesSeen;
    }
}
