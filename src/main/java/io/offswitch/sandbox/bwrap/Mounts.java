package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import io.offswitch.sandbox.SandboxException;

/**
 * mount(2) and umount2(2) called directly: a sandbox mounts and unmounts a tmpfs for its home, and
 * spawning mount(8) for each costs more than the rest of the sandbox's start.
 */
final class Mounts {
    private static final int MS_NOSUID = 2;
    private static final int MS_NODEV = 4;
    private static final int MNT_DETACH = 2;

    private interface LibC extends Library {
        LibC INSTANCE = Native.load("c", LibC.class);

        int mount(String source, String target, String type, long flags, String data);

        int umount2(String target, int flags);
    }

    private Mounts() {}

    static void tmpfs(String source, String target, String options) {
        if (LibC.INSTANCE.mount(source, target, "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) {
            throw new SandboxException("cannot mount a tmpfs at " + target + " (errno " + Native.getLastError() + "); offswitch needs root for per-sandbox disk quotas");
        }
    }

    /** Lazily detaches the mount; returns false if it was not mounted or could not be detached. */
    static boolean detach(String target) {
        return LibC.INSTANCE.umount2(target, MNT_DETACH) == 0;
    }
}
