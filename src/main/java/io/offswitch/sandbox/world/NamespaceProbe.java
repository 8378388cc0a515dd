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

    /** Waits until each "address port name" accepts a TCP connection, polling every few milliseconds until the deadline. */
    static void awaitListening(long namespacePid, List<String[]> targets, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        inNamespace(namespacePid, () -> {
            for (String[] target : targets) {
                probe(target, deadline);
            }
        });
    }

    private interface Work {
        void run() throws Exception;
    }

    /** Runs {@code work} on a new platform thread that first joins the namespace of {@code namespacePid}. */
    private static void inNamespace(long namespacePid, Work work) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().daemon().name("world-probe").start(() -> {
            try {
                LibC c = LibC.INSTANCE;
                int fd = c.open("/proc/" + namespacePid + "/ns/net", O_RDONLY_CLOEXEC);
                if (fd < 0) {
                    throw new SandboxException("cannot open a world namespace (/proc/" + namespacePid + "/ns/net) (errno " + Native.getLastError() + ")");
                }
                try {
                    if (c.setns(fd, CLONE_NEWNET) != 0) {
                        throw new SandboxException("cannot enter a world namespace (of pid " + namespacePid + ") (errno " + Native.getLastError() + ")");
                    }
                } finally {
                    c.close(fd);
                }
                work.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while reaching into a world's network", e);
        }
        if (failure.get() instanceof SandboxException se) {
            throw se;
        }
        if (failure.get() != null) {
            throw new SandboxException("could not reach into a world's network: " + failure.get(), failure.get());
        }
    }

    /**
     * Lets unprivileged processes of a machine bind ports below 1024 (sshd on 22), in that machine's
     * network namespace only: the sysctl file a thread opens belongs to the namespace it is in.
     */
    static void allowLowPorts(long machinePid) {
        inNamespace(machinePid, () -> java.nio.file.Files.writeString(java.nio.file.Path.of("/proc/sys/net/ipv4/ip_unprivileged_port_start"), "0\n"));
    }

    /**
     * Sends one SYN from the router to its own loopback, where nothing answers (the router's firewall
     * drops it on the way in): the SYN alone makes a connection event, which the record sees after
     * every event before it. Returns at once.
     */
    static void touch(long namespacePid) {
        inNamespace(namespacePid, () -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", 9), 1);
            } catch (IOException e) {
                // The expected timeout: the SYN went out.
            }
        });
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
