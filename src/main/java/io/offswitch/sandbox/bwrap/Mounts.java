package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.offswitch.sandbox.SandboxException;

/**
 * mount(2) and umount2(2) called directly: a sandbox mounts and unmounts a tmpfs for its home, and
 * spawning mount(8) for each costs more than the rest of the sandbox's start.
 *
 * <p>libc is bound by {@link #load()}, called when the backend is made on the main thread, never in a
 * class initialiser: binding it initialises JNA, which takes java.util.logging's global lock, and a
 * virtual thread blocked inside a class initialiser holds its carrier (issue 15: that hung a run).
 */
final class Mounts {
    private static final int MS_NOSUID = 2;
    private static final int MS_NODEV = 4;
    private static final int MNT_DETACH = 2;

    private interface LibC extends Library {
        int mount(String source, String target, String type, long flags, String data);

        int umount2(String target, int flags);
    }

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

    /** Lazily detaches the mount; returns false if it was not mounted or could not be detached. */
    static boolean detach(String target) {
        return libc().umount2(target, MNT_DETACH) == 0;
    }
}
