package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.Peer;
import io.offswitch.sandbox.PeerAwareService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C-library socket server: each request is answered with the kernel's word for who sent it (a
 * process that claims another pid is still itself), requests are bounded, a client that says nothing
 * holds a connection no longer than the deadline, and closing stops it.
 */
class PeerSocketServerTest {
    @TempDir
    Path dir;

    private record Asked(String request, Peer peer) {}

    private static PeerAwareService recording(List<Asked> asked) {
        return new PeerAwareService() {
            @Override
            public String socketPath() {
                return "/run/test.sock";
            }

            @Override
            public byte[] respond(String request, Peer peer) {
                asked.add(new Asked(request, peer));
                return ("you are " + peer.hostPid() + "\n").getBytes(StandardCharsets.UTF_8);
            }
        };
    }

    /** Failures the server reported (on its own threads), which no test expects. */
    private final List<String> failures = new CopyOnWriteArrayList<>();

    /** A server at {@code socket} that records what it is asked and the failures it reports. */
    private PeerSocketServer started(Path socket, List<Asked> asked) {
        PeerSocketServer server = PeerSocketServer.bind(socket.toString(), 64);
        server.serve(recording(asked), (s, why) -> failures.add(why));
        return server;
    }

    @org.junit.jupiter.api.AfterEach
    void theServerReportedNoFailure() {
        assertThat(failures).isEmpty();
    }

    private static String ask(Path socket, String request) throws IOException {
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            c.connect(UnixDomainSocketAddress.of(socket));
            c.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(256);
            while (c.read(buf) >= 0) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void eachRequestCarriesTheKernelsPidNotTheClaimAndComesBackQuickly() throws Exception {
        List<Asked> asked = new CopyOnWriteArrayList<>();
        Path socket = dir.resolve("s.sock");
        PeerSocketServer server = started(socket, asked);
        try {
            long me = ProcessHandle.current().pid();
            List<Long> millis = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                long t = System.nanoTime();
                assertThat(ask(socket, "monitor POLL {\"pid\": 1}\n")).isEqualTo("you are " + me + "\n");
                millis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t));
            }
            assertThat(asked).hasSize(200).allSatisfy(a -> {
                assertThat(a.request()).isEqualTo("monitor POLL {\"pid\": 1}");
                assertThat(a.peer().hostPid()).isEqualTo(me);
                assertThat(a.peer().uid()).isGreaterThanOrEqualTo(0);
            });
            // Answered as it comes, not at the accept loop's next look (it looks every 100 ms when idle).
            assertThat(millis.stream().sorted().toList().get(100)).isLessThan(50);

            // Another process: its own pid, whatever it writes.
            Process other = new ProcessBuilder("python3", "-c", "import socket; s = socket.socket(socket.AF_UNIX); s.connect('" + socket
                    + "'); s.sendall(b'monitor LOG {\"pid\": " + me + "}\\n'); print(s.recv(100).decode(), end='')").start();
            String answer = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(other.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(answer).isEqualTo("you are " + other.pid() + "\n");
            assertThat(asked.getLast().peer().hostPid()).isEqualTo(other.pid()).isNotEqualTo(me);
        } finally {
            server.close();
        }
    }

    @Test
    void anOversizedOrSilentRequestIsBoundedAndClosingStopsTheServer() throws Exception {
        List<Asked> asked = new CopyOnWriteArrayList<>();
        Path socket = dir.resolve("s.sock");
        PeerSocketServer server = started(socket, asked);
        // Longer than a request may be: what is read is cut at the bound.
        try {
            ask(socket, "x".repeat(3 * ServiceSockets.MAX_REQUEST) + "\n");
        } catch (IOException e) {
            // The server answered and closed before the rest was written: a reset, as intended.
        }
        assertThat(asked.getLast().request()).hasSize(ServiceSockets.MAX_REQUEST);
        // Clients that connect and say nothing take every connection slot; each is let go at the deadline.
        List<SocketChannel> silent = new ArrayList<>();
        for (int i = 0; i < ServiceSockets.MAX_OPEN; i++) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            c.connect(UnixDomainSocketAddress.of(socket));
            silent.add(c);
        }
        long t = System.nanoTime();
        assertThat(ask(socket, "after\n")).startsWith("you are ");
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t);
        assertThat(waited).isBetween(ServiceSockets.CONNECTION_MILLIS - 1_000, ServiceSockets.CONNECTION_MILLIS + 3_000);
        for (SocketChannel c : silent) {
            assertThat(c.read(ByteBuffer.allocate(8))).isEqualTo(-1); // closed by the server
            c.close();
        }
        server.close();
        try (SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> c.connect(UnixDomainSocketAddress.of(socket))).isInstanceOf(IOException.class);
        }
    }
}
