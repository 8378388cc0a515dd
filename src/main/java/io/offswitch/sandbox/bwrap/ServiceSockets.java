package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxService;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Serves a sandbox's services on Unix sockets in its host directory; each socket is bind-mounted
 * into the sandbox. Requests come from the agent's side and are untrusted: one line, at most
 * {@value #MAX_REQUEST} bytes, answered and closed.
 */
public final class ServiceSockets implements AutoCloseable {
    static final int MAX_REQUEST = 4096;

    private final List<ServerSocketChannel> servers = new ArrayList<>();
    /** Pairs of host socket path and path inside the sandbox. */
    public final List<String[]> mounts = new ArrayList<>();

    public ServiceSockets(Path dir, List<SandboxService> services) {
        try {
            for (SandboxService service : services) {
                Path socket = dir.resolve(servers.size() + ".sock");
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                server.bind(UnixDomainSocketAddress.of(socket));
                // The agent's uid must be able to connect; the directory above is not writable by it.
                SandboxDirectory.setMode(socket, "rw-rw-rw-");
                servers.add(server);
                mounts.add(new String[] {socket.toString(), service.socketPath()});
                Thread.ofVirtual().name("service-" + socket.getFileName()).start(() -> serve(server, service));
            }
        } catch (IOException e) {
            close();
            throw new SandboxException("cannot start sandbox services in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void serve(ServerSocketChannel server, SandboxService service) {
        while (server.isOpen()) {
            try {
                SocketChannel conn = server.accept();
                Thread.ofVirtual().start(() -> answer(conn, service));
            } catch (IOException e) {
                return; // closed with the sandbox
            }
        }
    }

    private static void answer(SocketChannel conn, SandboxService service) {
        try (conn) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(512);
            read:
            while (line.size() < MAX_REQUEST && conn.read(buf) > 0) {
                buf.flip();
                while (buf.hasRemaining()) {
                    byte b = buf.get();
                    if (b == '\n') {
                        break read;
                    }
                    line.write(b);
                }
                buf.clear();
            }
            byte[] response = service.respond(line.toString(StandardCharsets.UTF_8));
            ByteBuffer out = ByteBuffer.wrap(response);
            while (out.hasRemaining()) {
                conn.write(out);
            }
        } catch (IOException | RuntimeException e) {
            // The client went away, or the service failed on a bad request: nothing to answer.
        }
    }

    @Override
    public void close() {
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
