package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Root, overlayfs and tmpfs: what per-sandbox disk quotas and change tracking rest on. */
final class KernelChecks {
    static final String ROOT = "root";
    static final String OVERLAY = "overlayfs";
    static final String TMPFS = "tmpfs quota";
    private static final String SUDO = "run offswitch as root, e.g. sudo ./offswitch ...";

    private final Toolbox tools;

    KernelChecks(Toolbox tools) {
        this.tools = tools;
    }

    CheckResult root() {
        if (tools.root()) {
            return CheckResult.ok(ROOT, "running as root: per-sandbox cgroups (memory, process limits) and"
                    + " size-limited tmpfs (disk quota) are available");
        }
        return CheckResult.warn(ROOT, "running as uid " + tools.uid() + ": sandboxes still run, but without"
                + " per-sandbox cgroups (memory and process-count limits) or size-limited tmpfs (disk quota)", SUDO);
    }

    /** Lists overlay in /proc/filesystems and, as root, really mounts one and sees a write land in the upper dir. */
    CheckResult overlay() {
        String filesystems;
        try {
            filesystems = Files.readString(Path.of("/proc/filesystems"));
        } catch (IOException e) {
            return CheckResult.warn(OVERLAY, "cannot read /proc/filesystems: " + e.getMessage(), "mount /proc");
        }
        if (filesystems.lines().noneMatch(l -> l.strip().endsWith("overlay"))) {
            return CheckResult.warn(OVERLAY, "overlay is not in /proc/filesystems: change tracking cannot use an"
                    + " overlay upper directory", "modprobe overlay");
        }
        if (!tools.root()) {
            return CheckResult.ok(OVERLAY, "listed in /proc/filesystems (a test mount needs root)");
        }
        try (var scratch = new Scratch()) {
            // Upper and work dirs on a tmpfs, as a sandbox would have them; some roots (overlay) refuse them.
            var base = scratch.mkdir("base");
            var tmpfs = scratch.mount("tmpfs", "size=4m", base);
            if (!tmpfs.succeeded()) {
                return CheckResult.warn(OVERLAY, "could not mount a tmpfs for the test: " + tmpfs.describe(), SUDO);
            }
            for (String d : new String[] {"lower", "upper", "work", "merged"}) {
                Files.createDirectories(base.resolve(d));
            }
            String options = "lowerdir=" + base.resolve("lower") + ",upperdir=" + base.resolve("upper")
                    + ",workdir=" + base.resolve("work");
            var overlay = scratch.mount("overlay", options, base.resolve("merged"));
            if (!overlay.succeeded()) {
                return CheckResult.warn(OVERLAY, "mounting an overlay failed: " + overlay.describe(), "modprobe overlay");
            }
            Files.writeString(base.resolve("merged/probe"), "x");
            if (!Files.exists(base.resolve("upper/probe"))) {
                return CheckResult.warn(OVERLAY, "a write through the overlay did not reach the upper directory", "modprobe overlay");
            }
            return CheckResult.ok(OVERLAY, "mounted an overlay on a tmpfs; writes land in the upper directory");
        } catch (IOException e) {
            return CheckResult.warn(OVERLAY, "overlay test failed: " + e.getMessage(), "modprobe overlay");
        }
    }

    /** As root, mounts a 1 MiB tmpfs and checks that writing 2 MiB into it is refused. */
    CheckResult tmpfs() {
        if (!tools.root()) {
            return CheckResult.warn(TMPFS, "not tried (needs root): sandbox homes have no disk quota", SUDO);
        }
        try (var scratch = new Scratch()) {
            var mnt = scratch.mkdir("mnt");
            var r = scratch.mount("tmpfs", "size=1m,mode=0755", mnt);
            if (!r.succeeded()) {
                return CheckResult.warn(TMPFS, "mounting a tmpfs failed: " + r.describe(),
                        "inside a container, give it CAP_SYS_ADMIN (docker run --privileged)");
            }
            try {
                Files.write(mnt.resolve("fill"), new byte[2 << 20]);
            } catch (IOException expected) {
                return CheckResult.ok(TMPFS, "a tmpfs with size=1m refused a 2 MiB write: disk quotas work");
            }
            return CheckResult.warn(TMPFS, "a tmpfs with size=1m accepted a 2 MiB write: disk quotas are not enforced",
                    "check the kernel's tmpfs support (size= mount option)");
        } catch (IOException e) {
            return CheckResult.warn(TMPFS, "tmpfs test failed: " + e.getMessage(), SUDO);
        }
    }
}
