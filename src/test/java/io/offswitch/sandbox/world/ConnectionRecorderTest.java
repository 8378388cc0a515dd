package io.offswitch.sandbox.world;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.Connection;
import io.offswitch.sandbox.HostService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record built from conntrack's event lines as conntrack 1.4.7 prints them (taken from a real run). */
class ConnectionRecorderTest {
    static final WorldAddresses WORLD = new WorldAddresses(List.of("devbox-7", "backup.example", "successor.example"),
            List.of(List.of(), List.of(new HostService.Ssh(22, "b", List.of())), List.of()));

    static String event(String time, String kind, String rest) {
        return "[" + time + "]\t" + " ".repeat(Math.max(1, 10 - kind.length())) + "[" + kind + "] tcp      6 " + rest;
    }

    @Test
    void aWholeConnectionIsOpenedAnsweredCountedAndClosed() {
        ConnectionRecorder r = new ConnectionRecorder(WORLD);
        String fwd = "src=10.200.0.2 dst=10.200.1.2 sport=41566 dport=22";
        String back = "src=10.200.1.2 dst=10.200.0.2 sport=22 dport=41566";
        r.accept(event("1796130137.151015", "NEW", "120 SYN_SENT " + fwd + " [UNREPLIED] " + back + " id=7"));
        assertThat(r.connections()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo("devbox-7");
            assertThat(c.to()).isEqualTo("backup.example");
            assertThat(c.port()).isEqualTo(22);
            assertThat(c.openedAt()).isEqualTo(Instant.ofEpochSecond(1796130137L, 151015000));
            assertThat(c.established()).isFalse();
            assertThat(c.closedAt()).isEmpty();
        });
        r.accept(event("1796130137.151077", "UPDATE", "60 SYN_RECV " + fwd + " " + back + " id=7"));
        r.accept(event("1796130137.151083", "UPDATE", "432000 ESTABLISHED " + fwd + " " + back + " [ASSURED] id=7"));
        r.reconcile("tcp      6 431999 ESTABLISHED " + fwd + " packets=20 bytes=3100000 " + back + " packets=9 bytes=4000 [ASSURED] mark=0 use=1 id=7\n",
                Instant.ofEpochSecond(1796130137L, 160000000));
        assertThat(r.connections().getFirst().bytesFromClient()).isEqualTo(3_100_000);
        assertThat(r.connections().getFirst().closedAt()).isEmpty();
        r.accept(event("1796130137.198985", "UPDATE", "60 FIN_WAIT " + fwd + " " + back + " [ASSURED] id=7"));
        assertThat(r.connections().getFirst().closedAt()).as("half closed is still open").isEmpty();
        r.accept(event("1796130137.367017", "UPDATE", "2 TIME_WAIT " + fwd + " " + back + " [ASSURED] id=7"));
        r.accept(event("1796130139.5", "DESTROY", "2 TIME_WAIT " + fwd + " packets=25 bytes=3200000 " + back + " packets=12 bytes=5000 [ASSURED] id=7"));
        Connection c = r.connections().getFirst();
        assertThat(c.established()).isTrue();
        assertThat(c.closedAt()).contains(Instant.ofEpochSecond(1796130137L, 367017000));
        assertThat(c.bytesFromClient()).isEqualTo(3_200_000);
        assertThat(c.bytesFromServer()).isEqualTo(5000);
        // A listing taken after the end neither changes it nor adds it again.
        r.reconcile("tcp      6 1 TIME_WAIT " + fwd + " packets=1 bytes=1 " + back + " packets=1 bytes=1 id=7\n", Instant.ofEpochSecond(1796130140L));
        assertThat(r.connections()).hasSize(1);
        assertThat(r.connections().getFirst().bytesFromClient()).isEqualTo(3_200_000);
    }

    @Test
    void aResetSynIsNotEstablishedAndTheRoutersProbesAreNotConnections() {
        ConnectionRecorder r = new ConnectionRecorder(WORLD);
        r.accept(event("1.000001", "NEW", "120 SYN_SENT src=10.200.1.1 dst=10.200.1.2 sport=5000 dport=22 [UNREPLIED] src=10.200.1.2 dst=10.200.1.1 sport=22 dport=5000 id=1"));
        assertThat(r.connections()).isEmpty();
        assertThat(r.probesSeen()).isEqualTo(1);
        r.accept(event("2.5", "NEW", "120 SYN_SENT src=10.200.2.2 dst=10.200.1.2 sport=51662 dport=22 [UNREPLIED] src=10.200.1.2 dst=10.200.2.2 sport=22 dport=51662 id=2"));
        r.accept(event("2.6", "DESTROY", "120 CLOSE src=10.200.2.2 dst=10.200.1.2 sport=51662 dport=22 packets=1 bytes=60 [UNREPLIED] src=10.200.1.2 dst=10.200.2.2 sport=22 dport=51662 packets=1 bytes=40 id=2"));
        assertThat(r.connections()).singleElement().satisfies(c -> {
            assertThat(c.from()).isEqualTo("successor.example");
            assertThat(c.established()).isFalse();
            assertThat(c.closedAt()).contains(Instant.ofEpochSecond(2, 600_000_000));
            assertThat(c.bytesFromClient()).isEqualTo(60);
        });
        assertThat(r.lost()).isEmpty();
    }

    @Test
    void connectionsWhoseEventsWereDroppedComeFromTheListingsAndOtherLinesAreIgnored() {
        ConnectionRecorder r = new ConnectionRecorder(WORLD);
        r.accept("NOTICE: Netlink socket buffer size has been set to 33554432 bytes.");
        r.accept("[1.0] [NEW] udp      17 30 src=10.200.0.2 dst=10.200.1.2 sport=1 dport=53 id=3");
        r.accept("garbage src=10.200.0.2 dst=10.200.1.2 sport=1 dport=22 id=4");
        assertThat(r.connections()).isEmpty();
        r.accept("WARNING: We have hit ENOBUFS! We are losing events.");
        assertThat(r.droppedEvents()).isEqualTo(1);
        String fwd = "src=10.200.0.2 dst=10.200.1.2 sport=40000 dport=22";
        String back = "src=10.200.1.2 dst=10.200.0.2 sport=22 dport=40000";
        Instant first = Instant.ofEpochSecond(100);
        r.reconcile("tcp      6 431999 ESTABLISHED " + fwd + " packets=9 bytes=900 " + back + " packets=9 bytes=800 [ASSURED] mark=0 use=1 id=11\n"
                + "tcp      6 100 SYN_SENT src=10.200.1.1 dst=10.200.1.2 sport=1 dport=22 [UNREPLIED] src=10.200.1.2 dst=10.200.1.1 sport=22 dport=1 id=12\n", first);
        assertThat(r.connections()).singleElement().satisfies(c -> {
            assertThat(c.openedAt()).isEqualTo(first);
            assertThat(c.established()).isTrue();
            assertThat(c.bytesFromClient()).isEqualTo(900);
            assertThat(c.closedAt()).isEmpty();
        });
        r.reconcile("tcp      6 119 TIME_WAIT " + fwd + " packets=20 bytes=5000000 " + back + " packets=15 bytes=1500 [ASSURED] mark=0 use=1 id=11\n",
                Instant.ofEpochSecond(101));
        r.reconcile("", Instant.ofEpochSecond(221));
        assertThat(r.connections()).singleElement().satisfies(c -> {
            assertThat(c.closedAt()).contains(Instant.ofEpochSecond(101));
            assertThat(c.bytesFromClient()).isEqualTo(5_000_000);
        });
        // A late end event of a connection that already left the table adds nothing.
        r.accept(event("222.0", "DESTROY", "TIME_WAIT " + fwd + " packets=20 bytes=5000000 " + back + " packets=15 bytes=1500 [ASSURED] id=11"));
        assertThat(r.connections()).hasSize(1);
        assertThat(r.lost()).isEmpty();
    }
}
