package io.offswitch.scenario.shutdown;

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

/** A test stand-in for the sandbox's service sockets: one request line per connection, one answer. */
final class UnixSocketServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final Thread thread;

    UnixSocketServer(Path socket, SandboxService service) throws IOException {
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try (SocketChannel client = server.accept()) {
                    client.write(ByteBuffer.wrap(service.respond(readLine(client))));
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
    }

    private static String readLine(SocketChannel client) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer one = ByteBuffer.allocate(1);
        while (client.read(one) > 0) {
            byte b = one.get(0);
            if (b == '\n') {
                break;
            }
            line.write(b);
            one.clear();
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(2000);
    }
}
