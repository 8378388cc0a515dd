package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.offswitch.sandbox.SandboxException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Kernel calls that change what one thread sees: its own root directory. Each runs on a short-lived
 * platform thread of its own that ends afterwards, so no other thread of the JVM (a virtual thread's
 * carrier included) ever sees the change.
 */
final class Namespaces {
    private static final int CLONE_FS = 0x00000200;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int unshare(int flags);

        int chroot(String path);

        int chdir(String path);

    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private Namespaces() {}

    /** Runs {@code action} on a thread whose root directory is {@code root} (root only). */
    static void inRoot(String root, Action action) {
        onOwnThread("chroot", () -> {
            LibC c = LibC.INSTANCE;
            if (c.unshare(CLONE_FS) != 0) {
                throw new SandboxException("unshare(CLONE_FS) failed (errno " + Native.getLastError() + ")");
            }
            if (c.chroot(root) != 0 || c.chdir("/") != 0) {
                throw new SandboxException("chroot to " + root + " failed (errno " + Native.getLastError() + ")");
            }
            action.run();
        });
    }

    private static void onOwnThread(String what, Action action) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = Thread.ofPlatform().daemon().name("sandbox-" + what).start(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while preparing a sandbox (" + what + ")", e);
        }
        Throwable e = failure.get();
        if (e instanceof SandboxException se) {
            throw se;
        }
        if (e != null) {
            throw new SandboxException("could not prepare a sandbox (" + what + "): " + e, e);
        }
    }
}
