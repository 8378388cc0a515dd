package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.offswitch.sandbox.SandboxException;

/**
 * mount(2) and umount2(2) called directly: a sandbox mounts and unmounts a tmpfs for its home, and
 * spawning mount(8) for each costs more than the rest of the sandbox's start. Also the one extended
 * attribute lookup the harness needs (overlayfs's marks on a copy-on-write volume's upper layer).
 *
 * <p>libc is bound by {@link #load()}, called when the backend is made on the main thread, never in a
 * class initialiser: binding it initialises JNA, which takes java.util.logging's global lock, and a
 * virtual thread blocked inside a class initialiser holds its carrier (issue 15: that hung a run).
 */
final class Mounts {
    private static final int MS_NOSUID = 2;
    private static final int MS_NODEV = 4;
    private static final int MNT_DETACH = 2;

    private static final int CLONE_FS = 0x200;

    private interface LibC extends Library {
        int mount(String source, String target, String type, long flags, String data);

        int umount2(String target, int flags);

        int unshare(int flags);

        int chdir(String path);

        long lgetxattr(String path, String name, byte[] value, long size);
    }

    /**
     * The one thread that mounts overlays. It has a working directory of its own (unshare CLONE_FS), so
     * it can name an overlay's layers relative to their directory: the mount table, which the machine's
     * processes read, then shows "lowerdir=lower,upperdir=upper" and no host path.
     */
    private static final java.util.concurrent.ExecutorService OVERLAY_MOUNTER = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "overlay-mounter");
        t.setDaemon(true);
        return t;
    });
    private static boolean mounterUnshared;

    private static volatile LibC libc;

    private Mounts() {}

    /** Binds libc; idempotent. */
    static synchronized void load() {
        if (libc == null) {
            libc = Native.load("c", LibC.class);
        }
    }

    private static LibC libc() {
        LibC bound = libc;
        if (bound == null) {
            load();
            bound = libc;
        }
        return bound;
    }

    static void tmpfs(String source, String target, String options) {
        if (libc().mount(source, target, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) {
            throw new SandboxException("cannot mount a tmpfs at " + target + " (errno " + Native.getLastError() + "); offswitch needs root for per-sandbox disk quotas");
        }
    }

    /**
     * Mounts at {@code target} an overlay of the layers in {@code layers}: {@code lower} (read-only, may
     * be a link to the real directory), {@code upper} and {@code work} (on one writable filesystem).
     * Metadata-only copy-up (metacopy): changing a file's owner or mode copies no bytes.
     */
    static void overlay(java.nio.file.Path layers, String target) {
        java.util.concurrent.Future<Integer> done = OVERLAY_MOUNTER.submit(() -> {
            LibC c = libc();
            if (!mounterUnshared) {
                if (c.unshare(CLONE_FS) != 0) {
                    throw new SandboxException("cannot give the overlay mounter its own working directory (errno " + Native.getLastError() + ")");
                }
                mounterUnshared = true;
            }
            if (c.chdir(layers.toString()) != 0) {
                throw new SandboxException("cannot enter " + layers + " (errno " + Native.getLastError() + ")");
            }
            try {
                int rc = c.mount("overlay", target, "overlay", MS_NOSUID | MS_NODEV, "lowerdir=lower,upperdir=upper,workdir=work,metacopy=on");
                return rc == 0 ? 0 : Native.getLastError();
            } finally {
                c.chdir("/");
            }
        });
        int errno;
        try {
            errno = done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while mounting a copy-on-write volume at " + target, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof SandboxException se ? se : new SandboxException("cannot mount an overlay at " + target + ": " + e.getCause(), e.getCause());
        }
        if (errno != 0) {
            throw new SandboxException("cannot mount a copy-on-write volume (overlayfs) at " + target + " (errno " + errno
                    + "); it needs root and a kernel with overlayfs and metacopy (modprobe overlay)");
        }
    }

    /** Whether the file (never followed if a link) has the extended attribute {@code name}; false if it cannot be read. */
    static boolean hasXattr(java.nio.file.Path file, String name) {
        return libc().lgetxattr(file.toString(), name, null, 0) >= 0;
    }

    /** Lazily detaches the mount; returns false if it was not mounted or could not be detached. */
    static boolean detach(String target) {
        return libc().umount2(target, MNT_DETACH) == 0;
    }
}
