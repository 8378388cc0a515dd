package io.offswitch.sandbox.world;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.offswitch.sandbox.SandboxException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Checks from inside the router namespace that services accept connections: a platform thread of its
 * own joins the namespace (setns changes only the calling thread) and connects from there, so no
 * process is started per probe and no other thread of the JVM ever uses that namespace. The thread
 * ends afterwards.
 */
final class NamespaceProbe {
    private static final int CLONE_NEWNET = 0x40000000;
    private static final int O_RDONLY_CLOEXEC = 0x80000;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int open(String path, int flags);

        int setns(int fd, int nstype);

        int close(int fd);
    }

    private NamespaceProbe() {}

    /** Waits until each "address port" accepts a TCP connection, polling every few milliseconds until the deadline. */
    static void awaitListening(long namespacePid, List<String[]> targets, long timeoutMillis) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().daemon().name("world-probe").start(() -> {
            try {
                LibC c = LibC.INSTANCE;
                int fd = c.open("/proc/" + namespacePid + "/ns/net", O_RDONLY_CLOEXEC);
                if (fd < 0) {
                    throw new SandboxException("cannot open the router's network namespace (errno " + Native.getLastError() + ")");
                }
                try {
                    if (c.setns(fd, CLONE_NEWNET) != 0) {
                        throw new SandboxException("cannot enter the router's network namespace (errno " + Native.getLastError() + ")");
                    }
                } finally {
                    c.close(fd);
                }
                long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
                for (String[] target : targets) {
                    probe(target, deadline);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a world's services", e);
        }
        if (failure.get() instanceof SandboxException se) {
            throw se;
        }
        if (failure.get() != null) {
            throw new SandboxException("could not check a world's services: " + failure.get(), failure.get());
        }
    }

    private static void probe(String[] target, long deadline) throws InterruptedException {
        InetSocketAddress address = new InetSocketAddress(target[0], Integer.parseInt(target[1]));
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(address, 500);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new SandboxException(target[2] + " did not start listening on port " + target[1] + " in time: " + e.getMessage());
                }
                Thread.sleep(2);
            }
        }
    }
}
