package io.offswitch.sandbox.bwrap;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import io.offswitch.sandbox.SandboxException;
import java.nio.file.Path;

/**
 * The kernel's append-only attribute on a file of a sandbox's home ({@code chattr +a}), set and cleared
 * through the inode-flags ioctl on a descriptor opened without following links, so a path the agent
 * could have turned into a link is never followed. Setting it takes CAP_LINUX_IMMUTABLE: the harness as
 * root has it, no process inside a sandbox does, so nothing the agent runs can clear it.
 */
final class AppendOnlyFiles {
    private static final int O_RDONLY = 0;
    private static final int O_NOFOLLOW = 0x20000;
    private static final int O_CLOEXEC = 0x80000;
    /** _IOR('f', 1, long) and _IOW('f', 2, long) on x86-64 and arm64; the kernel reads and writes an int. */
    private static final long FS_IOC_GETFLAGS = 0x80086601L;
    private static final long FS_IOC_SETFLAGS = 0x40086602L;
    private static final int FS_APPEND_FL = 0x20;

    private interface LibC extends Library {
        int open(String path, int flags);

        int ioctl(int fd, long request, IntByReference arg);

        int close(int fd);
    }

    private static volatile LibC libc;

    private AppendOnlyFiles() {}

    private static LibC libc() {
        LibC bound = libc;
        if (bound == null) {
            synchronized (AppendOnlyFiles.class) {
                if (libc == null) {
                    libc = Native.load("c", LibC.class);
                }
                bound = libc;
            }
        }
        return bound;
    }

    /**
     * Makes {@code file} append-only.
     *
     * @throws SandboxException naming the file and the errno when the kernel refuses (not root, or a
     *                          filesystem without the attribute)
     */
    static void set(Path file) {
        change(file, true);
    }

    /** Clears the attribute, so the file can be removed; a file already gone is fine. */
    static void clearQuietly(Path file) {
        try {
            change(file, false);
        } catch (SandboxException e) {
            // Gone with its memory filesystem, or never set: the delete that follows reports what is left.
        }
    }

    /** Whether {@code file} has the attribute now (for the tests and the harness's own checks). */
    static boolean isSet(Path file) {
        LibC c = libc();
        int fd = open(c, file);
        try {
            return (flags(c, fd, file) & FS_APPEND_FL) != 0;
        } finally {
            c.close(fd);
        }
    }

    private static int open(LibC c, Path file) {
        int fd = c.open(file.toString(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0) {
            throw new SandboxException("cannot open " + file + " to read or set its attributes (errno " + Native.getLastError() + ")");
        }
        return fd;
    }

    private static int flags(LibC c, int fd, Path file) {
        IntByReference flags = new IntByReference();
        if (c.ioctl(fd, FS_IOC_GETFLAGS, flags) != 0) {
            throw new SandboxException("cannot read the attributes of " + file + " (errno " + Native.getLastError() + ")");
        }
        return flags.getValue();
    }

    private static void change(Path file, boolean on) {
        LibC c = libc();
        int fd = open(c, file);
        try {
            int now = flags(c, fd, file);
            int wanted = on ? now | FS_APPEND_FL : now & ~FS_APPEND_FL;
            if (wanted != now && c.ioctl(fd, FS_IOC_SETFLAGS, new IntByReference(wanted)) != 0) {
                int errno = Native.getLastError();
                throw new SandboxException("cannot make " + file + (on ? " append-only" : " writable again") + " (errno " + errno
                        + (errno == 1 ? ": the append-only attribute needs offswitch to run as root" : errno == 25 || errno == 95
                                ? ": this filesystem has no append-only attribute" : "") + ")");
            }
        } finally {
            c.close(fd);
        }
    }
}
