package io.offswitch.sandbox.bwrap;

import io.offswitch.sandbox.PeerAwareService;
import io.offswitch.sandbox.SandboxException;
import io.offswitch.sandbox.SandboxService;
import io.offswitch.sandbox.ServiceFailure;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves a sandbox's services on Unix sockets in the harness's /run of that sandbox. Requests come
 * from the agent's side and are untrusted: one line, at most {@value #MAX_REQUEST} bytes, answered and
 * closed.
 *
 * <p>Each sandbox is its own failure domain. The JVM's descriptors are shared by every sandbox, so a
 * service holds at most {@value #MAX_OPEN} connections at once, each for at most
 * {@value #CONNECTION_MILLIS} ms; connections past that wait in the kernel's queue, costing the
 * harness nothing, and an agent that floods its own socket only slows its own answers. A service that
 * throws, or a socket that cannot accept, is recorded as a {@link ServiceFailure} of that sandbox
 * alone; the accept loop then carries on after a pause instead of ending.
 *
 * <p>As root the socket is bound from a thread whose root is the sandbox's system directory, so the
 * name the kernel keeps for it (which a client reads with getpeername) is its path inside the
 * sandbox, not a host path.
 */
public final class ServiceSockets implements AutoCloseable {
    static final int MAX_REQUEST = 4096;
    static final int MAX_OPEN = 4;
    static final long CONNECTION_MILLIS = 5_000;
    private static final int BACKLOG = 64;
    private static final ScheduledExecutorService DEADLINES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "service-deadlines");
        t.setDaemon(true);
        return t;
    });

    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<PeerSocketServer> peerServers = new ArrayList<>();
    private final AtomicReference<ServiceFailure> failure = new AtomicReference<>();

    public ServiceSockets(SandboxDirectory dir, List<SandboxService> services, boolean asRoot) {
        try {
            for (SandboxService service : services) {
                String path = service.socketPath();
                if (!path.startsWith("/run/") || Path.of(path).normalize().getNameCount() < 2 || !Path.of(path).normalize().toString().equals(path)) {
                    throw new SandboxException("a service socket must live under /run (the harness's, not the agent's): " + path);
                }
                Path socket = dir.systemPath(path);
                Files.createDirectories(socket.getParent());
                for (Path d = socket.getParent(); !d.equals(dir.run); d = d.getParent()) {
                    SandboxDirectory.setMode(d, "rwxr-xr-x");
                }
                if (service instanceof PeerAwareService peerAware) {
                    servePeerAware(dir, peerAware, path, socket, asRoot);
                    continue;
                }
                ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                servers.add(server);
                if (asRoot) {
                    warmUp(dir.system);
                    UnixDomainSocketAddress inside = UnixDomainSocketAddress.of(path);
                    Namespaces.inRoot(dir.system.toString(), () -> server.bind(inside, BACKLOG));
                } else {
                    server.bind(UnixDomainSocketAddress.of(socket), BACKLOG);
                }
                // The agent's uid must be able to connect; the directories above are not writable by it.
                SandboxDirectory.setMode(socket, "rw-rw-rw-");
                Thread.ofVirtual().name("service-" + path).start(() -> serve(server, service));
            }
        } catch (IOException e) {
            close();
            throw new SandboxException("cannot start sandbox services in " + dir.run + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** A service that is told who connected: bound and served through the C library, the same way otherwise. */
    private void servePeerAware(SandboxDirectory dir, PeerAwareService service, String path, Path socket, boolean asRoot) throws IOException {
        PeerSocketServer.load();
        AtomicReference<PeerSocketServer> bound = new AtomicReference<>();
        if (asRoot) {
            Namespaces.inRoot(dir.system.toString(), () -> bound.set(PeerSocketServer.bind(path, BACKLOG)));
        } else {
            bound.set(PeerSocketServer.bind(socket.toString(), BACKLOG));
        }
        peerServers.add(bound.get());
        SandboxDirectory.setMode(socket, "rw-rw-rw-");
        bound.get().serve(service, this::fail);
    }

    private static volatile boolean warm;

    /**
     * Binds one socket the ordinary way first: the JDK loads its native networking library on the first
     * bind, and inside the chroot that library is not there to load.
     */
    private static void warmUp(Path dir) throws IOException {
        if (warm) {
            return;
        }
        synchronized (ServiceSockets.class) {
            if (!warm) {
                Path probe = dir.resolve(".bind-" + ProcessHandle.current().pid());
                try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    s.bind(UnixDomainSocketAddress.of(probe));
                } finally {
                    Files.deleteIfExists(probe);
                }
                warm = true;
            }
        }
    }

    /** The first failure of any of these services. */
    public Optional<ServiceFailure> failure() {
        return Optional.ofNullable(failure.get());
    }

    private void fail(SandboxService service, String reason) {
        failure.compareAndSet(null, new ServiceFailure(service.socketPath(), Instant.now(), reason));
    }

    private void serve(ServerSocketChannel server, SandboxService service) {
        Semaphore open = new Semaphore(MAX_OPEN);
        while (server.isOpen()) {
            try {
                open.acquire();
            } catch (InterruptedException e) {
                return;
            }
            SocketChannel conn;
            try {
                conn = server.accept();
            } catch (IOException e) {
                open.release();
                if (!server.isOpen()) {
                    return; // closed with the sandbox
                }
                // Out of descriptors, say: this service could not answer for a while. Keep trying.
                fail(service, "its socket could not accept a connection: " + e);
                pause();
                continue;
            }
            ScheduledFuture<?> deadline = DEADLINES.schedule(() -> closeQuietly(conn), CONNECTION_MILLIS, TimeUnit.MILLISECONDS);
            Thread.ofVirtual().start(() -> {
                try {
                    answer(conn, service);
                } finally {
                    deadline.cancel(false);
                    closeQuietly(conn);
                    open.release();
                }
            });
        }
    }

    private void answer(SocketChannel conn, SandboxService service) {
        byte[] response;
        try {
            String request = readLine(conn);
            if (request == null) {
                return;
            }
            response = service.respond(request);
        } catch (IOException e) {
            return; // the client went away, or took too long to ask
        } catch (RuntimeException | Error e) {
            fail(service, "it failed on a request: " + e);
            return;
        }
        try {
            ByteBuffer out = ByteBuffer.wrap(response);
            while (out.hasRemaining()) {
                conn.write(out);
            }
        } catch (IOException e) {
            // The client went away before reading its answer: its own doing.
        }
    }

    /** The request line, or null when the client hung up before sending anything. */
    private static String readLine(SocketChannel conn) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(512);
        boolean any = false;
        while (line.size() < MAX_REQUEST) {
            int n = conn.read(buf);
            if (n < 0) {
                break;
            }
            any = true;
            buf.flip();
            while (buf.hasRemaining()) {
                byte b = buf.get();
                if (b == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(b);
            }
            buf.clear();
        }
        return any ? line.toString(StandardCharsets.UTF_8) : null;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(SocketChannel conn) {
        try {
            conn.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        peerServers.forEach(PeerSocketServer::close);
        for (ServerSocketChannel server : servers) {
            try {
                server.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
