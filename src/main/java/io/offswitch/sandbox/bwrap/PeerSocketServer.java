package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import io.offswitch.sandbox.Peer;
import io.offswitch.sandbox.PeerAwareService;
import io.offswitch.sandbox.SandboxException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

/**
 * A Unix stream socket served through the C library, for a {@link PeerAwareService}: the JDK's channels
 * tell the uid of the process that connected but not its pid, and the pid is what tells the monitor
 * from a process of the agent's that claims to be it. Each connection's credentials are read with
 * SO_PEERCRED as it is accepted.
 *
 * <p>The same bounds as {@link ServiceSockets}: one request line of at most
 * {@value ServiceSockets#MAX_REQUEST} bytes, {@value ServiceSockets#MAX_OPEN} connections at once, each
 * for at most {@value ServiceSockets#CONNECTION_MILLIS} ms. Every wait is a {@code poll} with a
 * timeout on a platform thread (a native call would pin a virtual thread's carrier), and only the
 * accept loop closes the listening descriptor, so no thread ever waits on a number the kernel has
 * handed out again.
 */
final class PeerSocketServer {
    private static final int AF_UNIX = 1;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_NONBLOCK = 0x800;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;
    private static final short POLLIN = 1;
    private static final short POLLOUT = 4;
    private static final int MSG_DONTWAIT = 0x40;
    private static final int MSG_NOSIGNAL = 0x4000;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    /** How often the accept loop looks whether the server was closed. */
    private static final int ACCEPT_POLL_MILLIS = 100;
    private static final int SUN_PATH_MAX = 108;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int socket(int domain, int type, int protocol);

        int bind(int fd, byte[] address, int length);

        int listen(int fd, int backlog);

        int accept4(int fd, Pointer address, Pointer length, int flags);

        int getsockopt(int fd, int level, int name, int[] value, IntByReference length);

        /** {@code struct pollfd} as two ints: the descriptor, then events in the low half and revents in the high. */
        int poll(int[] fds, long count, int timeoutMillis);

        long recv(int fd, byte[] buffer, long length, int flags);

        long send(int fd, byte[] buffer, long length, int flags);

        int close(int fd);
    }

    private final int fd;
    private final String path;
    private volatile boolean closed;
    private Thread acceptor;

    private PeerSocketServer(int fd, String path) {
        this.fd = fd;
        this.path = path;
    }

    /** Makes the JNA library load here, outside any chroot, before a bind that may run inside one. */
    static void load() {
        LibC.INSTANCE.getClass();
    }

    /** A listening socket at {@code path} (as the calling thread sees the file system). */
    static PeerSocketServer bind(String path, int backlog) {
        byte[] name = path.getBytes(StandardCharsets.UTF_8);
        if (name.length >= SUN_PATH_MAX) {
            throw new SandboxException("a service socket's path is too long for a Unix socket (" + name.length + " bytes): " + path);
        }
        LibC c = LibC.INSTANCE;
        int fd = c.socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw new SandboxException("cannot open a Unix socket for " + path + " (errno " + Native.getLastError() + ")");
        }
        // struct sockaddr_un: a little-endian sa_family_t, then the path and its NUL.
        byte[] address = new byte[2 + name.length + 1];
        address[0] = (byte) AF_UNIX;
        System.arraycopy(name, 0, address, 2, name.length);
        if (c.bind(fd, address, address.length) != 0 || c.listen(fd, backlog) != 0) {
            int errno = Native.getLastError();
            c.close(fd);
            throw new SandboxException("cannot listen on " + path + " (errno " + errno + ")");
        }
        return new PeerSocketServer(fd, path);
    }

    /**
     * Serves {@code service} on a thread of its own until {@link #close()}; {@code failed} is told of a
     * failure of the service or the socket, which the caller records for its sandbox.
     */
    void serve(PeerAwareService service, BiConsumer<PeerAwareService, String> failed) {
        acceptor = Thread.ofPlatform().daemon().name("peer-service-" + path).start(() -> acceptLoop(service, failed));
    }

    private void acceptLoop(PeerAwareService service, BiConsumer<PeerAwareService, String> failed) {
        LibC c = LibC.INSTANCE;
        Semaphore open = new Semaphore(ServiceSockets.MAX_OPEN);
        try {
            while (!closed) {
                if (!ready(c, fd, POLLIN, ACCEPT_POLL_MILLIS) || !open.tryAcquire()) {
                    if (open.availablePermits() == 0) {
                        sleep(10); // all in use: the rest wait in the kernel's queue
                    }
                    continue;
                }
                int conn = c.accept4(fd, Pointer.NULL, Pointer.NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
                if (conn < 0) {
                    open.release();
                    int errno = Native.getLastError();
                    if (errno != EINTR && errno != EAGAIN) {
                        failed.accept(service, "its socket could not accept a connection (errno " + errno + ")");
                        sleep(100);
                    }
                    continue;
                }
                Peer peer = peer(c, conn);
                Thread.ofPlatform().daemon().name("peer-connection-" + path).start(() -> {
                    try {
                        answer(c, conn, peer, service, failed);
                    } finally {
                        c.close(conn);
                        open.release();
                    }
                });
            }
        } finally {
            c.close(fd);
        }
    }

    private static Peer peer(LibC c, int conn) {
        int[] cred = new int[3]; // struct ucred: pid, uid, gid
        IntByReference length = new IntByReference(12);
        if (c.getsockopt(conn, SOL_SOCKET, SO_PEERCRED, cred, length) != 0 || cred[0] <= 0) {
            return Peer.UNKNOWN;
        }
        return new Peer(cred[0], Peer.pidInside(cred[0]).orElse(-1), cred[1], cred[2]);
    }

    private static void answer(LibC c, int conn, Peer peer, PeerAwareService service, BiConsumer<PeerAwareService, String> failed) {
        long deadline = System.nanoTime() + ServiceSockets.CONNECTION_MILLIS * 1_000_000L;
        String request = readLine(c, conn, deadline);
        if (request == null) {
            return;
        }
        byte[] response;
        try {
            response = service.respond(request, peer);
        } catch (RuntimeException | Error e) {
            failed.accept(service, "it failed on a request: " + e);
            return;
        }
        int sent = 0;
        while (sent < response.length && ready(c, conn, POLLOUT, millisLeft(deadline))) {
            byte[] rest = sent == 0 ? response : java.util.Arrays.copyOfRange(response, sent, response.length);
            long n = c.send(conn, rest, rest.length, MSG_DONTWAIT | MSG_NOSIGNAL);
            if (n < 0 && Native.getLastError() != EAGAIN && Native.getLastError() != EINTR) {
                return; // the client went away before reading its answer: its own doing
            }
            sent += (int) Math.max(0, n);
        }
    }

    /** The request line, or null when the client hung up, sent nothing or took too long to ask. */
    private static String readLine(LibC c, int conn, long deadline) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        byte[] buf = new byte[512];
        boolean any = false;
        while (line.size() < ServiceSockets.MAX_REQUEST) {
            if (!ready(c, conn, POLLIN, millisLeft(deadline))) {
                return null;
            }
            long n = c.recv(conn, buf, buf.length, MSG_DONTWAIT);
            if (n < 0) {
                int errno = Native.getLastError();
                if (errno == EAGAIN || errno == EINTR) {
                    continue;
                }
                return null;
            }
            if (n == 0) {
                break;
            }
            any = true;
            for (int i = 0; i < n; i++) {
                if (buf[i] == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(buf[i]);
            }
        }
        return any ? line.toString(StandardCharsets.UTF_8) : null;
    }

    /** Whether {@code fd} is ready for {@code events} within {@code millis} (also on hang-up or error, which the next call reports). */
    private static boolean ready(LibC c, int fd, short events, int millis) {
        if (millis <= 0) {
            return false;
        }
        int[] pollfd = {fd, events};
        int n = c.poll(pollfd, 1, millis);
        return n > 0;
    }

    private static int millisLeft(long deadline) {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (deadline - System.nanoTime()) / 1_000_000L));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops accepting; the accept loop closes the socket within {@value #ACCEPT_POLL_MILLIS} ms, and this waits for it. */
    void close() {
        closed = true;
        Thread t = acceptor;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else if (t == null) {
            LibC.INSTANCE.close(fd);
        }
    }
}
