package io.offswitch.sandbox.world;

import io.offswitch.sandbox.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of a world's connections, kept by the router's kernel (connection tracking in the
 * router namespace, which no machine can reach) and read two ways:
 * <ul>
 *   <li>its events ({@code conntrack -E -o timestamp,id}), which give each connection's opening, answer
 *       and end to the microsecond, and its final byte counts;</li>
 *   <li>listings of its table ({@code conntrack -L -o id}), taken every second and before every read,
 *       which give the counters of connections still there and catch any connection whose events the
 *       kernel dropped under a burst (conntrack warns of ENOBUFS). A connection that carried data stays
 *       in the table at least ten seconds after its end, so none is missed; one first seen in a listing
 *       has that listing's time as its opening (and its end, if so seen). Only a refused connection
 *       (a SYN answered by a reset, gone from the table at once) can be missing, when its events were
 *       dropped.</li>
 * </ul>
 * The router's own probes are not connections of the world and are left out. Thread-safe.
 */
final class ConnectionRecorder {
    /** Connections kept at most; past this the record is incomplete and says so. */
    static final int MAX_CONNECTIONS = 100_000;

    private static final Pattern EVENT = Pattern.compile("^\\[(\\d+)\\.(\\d+)\\]\\s+\\[(NEW|UPDATE|DESTROY)\\]\\s+tcp\\s+6\\s+(.*)$");
    private static final Pattern LISTED = Pattern.compile("^tcp\\s+6\\s+(.*)$");
    private static final Pattern ID = Pattern.compile("\\bid=(\\d+)");
    private static final Pattern TUPLE = Pattern.compile("src=(\\S+) dst=(\\S+) sport=(\\d+) dport=(\\d+)(?: packets=(\\d+) bytes=(\\d+))?");
    private static final Pattern STATE = Pattern.compile("^(?:\\d+ )?([A-Z_]+) ");
    private static final Set<String> ANSWERED = Set.of("SYN_RECV", "ESTABLISHED", "FIN_WAIT", "CLOSE_WAIT", "LAST_ACK", "TIME_WAIT");
    private static final Set<String> ENDED = Set.of("TIME_WAIT", "CLOSE", "LAST_ACK");

    private final WorldAddresses world;
    /** Connections not yet ended in the table, by the kernel's id. */
    private final Map<Long, Entry> open = new LinkedHashMap<>();
    /** Every id ever seen, so a listing never adds an ended connection again. */
    private final Set<Long> seen = new HashSet<>();
    private final List<Entry> all = new ArrayList<>();
    private int probesSeen;
    private int droppedEvents;
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
        boolean listed;
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

    /** What one line (an event or a listed entry) says about one entry. */
    private record Seen(long id, String src, String dst, int port, String state, boolean assured, long[] bytes) {
        static Optional<Seen> parse(String rest) {
            Matcher idm = ID.matcher(rest);
            if (!idm.find()) {
                return Optional.empty();
            }
            Matcher t = TUPLE.matcher(rest);
            String src = null;
            String dst = null;
            int port = 0;
            List<Long> bytes = new ArrayList<>();
            while (t.find()) {
                if (src == null) {
                    src = t.group(1);
                    dst = t.group(2);
                    port = Integer.parseInt(t.group(4));
                }
                if (t.group(6) != null) {
                    bytes.add(Long.parseLong(t.group(6)));
                }
            }
            if (src == null) {
                return Optional.empty();
            }
            Matcher s = STATE.matcher(rest);
            return Optional.of(new Seen(Long.parseLong(idm.group(1)), src, dst, port, s.find() ? s.group(1) : "", rest.contains("[ASSURED]"),
                    bytes.size() == 2 ? new long[] {bytes.get(0), bytes.get(1)} : null));
        }
    }

    /** Takes one line of conntrack's event output. */
    synchronized void accept(String line) {
        if (line.contains("ENOBUFS")) {
            droppedEvents++; // the listings fill the gap
            return;
        }
        Matcher m = EVENT.matcher(line);
        if (!m.matches()) {
            return;
        }
        Instant at = Instant.ofEpochSecond(Long.parseLong(m.group(1)), Long.parseLong((m.group(2) + "000000000").substring(0, 9)));
        String kind = m.group(3);
        Optional<Seen> parsed = Seen.parse(m.group(4));
        if (parsed.isEmpty()) {
            return;
        }
        Seen s = parsed.get();
        Entry e = open.get(s.id());
        if (kind.equals("NEW")) {
            if (world.nameAt(s.src()).isEmpty() || world.nameAt(s.dst()).isEmpty()) {
                probesSeen++; // the router's own probe (or nothing of ours)
                return;
            }
            e = add(s, at);
        }
        if (e == null) {
            return;
        }
        note(e, s, at);
        if (kind.equals("DESTROY")) {
            if (e.closedAt == null) {
                e.closedAt = at;
            }
            open.remove(s.id());
        }
    }

    private Entry add(Seen s, Instant at) {
        if (!seen.add(s.id())) {
            return open.get(s.id());
        }
        if (all.size() >= MAX_CONNECTIONS) {
            lost = "more than " + MAX_CONNECTIONS + " connections";
            return null;
        }
        Entry e = new Entry(world.nameAt(s.src()).orElseThrow(), world.nameAt(s.dst()).orElseThrow(), s.port(), at);
        open.put(s.id(), e);
        all.add(e);
        return e;
    }

    private static void note(Entry e, Seen s, Instant at) {
        // Answered: the server's SYN-ACK came (SYN_RECV; ESTABLISHED and the closing states follow only
        // from there), or the entry is assured; a reset answering a SYN is none of these.
        if (ANSWERED.contains(s.state()) || s.assured()) {
            e.established = true;
        }
        if (s.bytes() != null) {
            e.bytesFromClient = Math.max(e.bytesFromClient, s.bytes()[0]);
            e.bytesFromServer = Math.max(e.bytesFromServer, s.bytes()[1]);
        }
        if (e.closedAt == null && ENDED.contains(s.state())) {
            e.closedAt = at;
        }
    }

    /**
     * Takes a listing of the table taken at {@code at}: counters of open connections, connections
     * whose events were dropped, and the end of those that left the table without an end event.
     */
    synchronized void reconcile(String listing, Instant at) {
        Set<Long> listedNow = new HashSet<>();
        for (String line : listing.split("\n")) {
            Matcher m = LISTED.matcher(line.strip());
            if (!m.matches()) {
                continue;
            }
            Optional<Seen> parsed = Seen.parse(m.group(1));
            if (parsed.isEmpty()) {
                continue;
            }
            Seen s = parsed.get();
            if (world.nameAt(s.src()).isEmpty() || world.nameAt(s.dst()).isEmpty()) {
                continue;
            }
            Entry e = open.get(s.id());
            if (e == null && !seen.contains(s.id())) {
                e = add(s, at);
            }
            if (e == null) {
                continue;
            }
            listedNow.add(s.id());
            e.listed = true;
            note(e, s, at);
        }
        // Listed before and gone now: it left the table, its end event dropped or still on its way.
        for (var it = open.entrySet().iterator(); it.hasNext(); ) {
            var next = it.next();
            if (next.getValue().listed && !listedNow.contains(next.getKey())) {
                if (next.getValue().closedAt == null) {
                    next.getValue().closedAt = at;
                }
                it.remove();
            }
        }
    }

    synchronized List<Connection> connections() {
        return all.stream().map(Entry::view).toList();
    }

    /** Why the record may be missing connections that carried data, if it may. */
    synchronized Optional<String> lost() {
        return Optional.ofNullable(lost);
    }

    /** How many times the kernel dropped events (the listings made up for them). */
    synchronized int droppedEvents() {
        return droppedEvents;
    }

    synchronized int probesSeen() {
        return probesSeen;
    }
}
