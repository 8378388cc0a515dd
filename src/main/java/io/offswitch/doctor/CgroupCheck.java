package io.offswitch.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Per-sandbox memory and process-count limits need the memory and pids cgroup controllers. Creates a
 * test cgroup with a unique name (v1: one per controller; v2: one in the unified hierarchy), checks
 * the controller's limit file is there, and removes exactly that cgroup.
 */
final class CgroupCheck {
    static final String NAME = "cgroups";
    static final String PROBE_PREFIX = "offswitch-doctor-";

    private final Toolbox tools;

    CgroupCheck(Toolbox tools) {
        this.tools = tools;
    }

    CheckResult run() {
        if (!tools.root()) {
            return CheckResult.warn(NAME, "not tried (needs root): no per-sandbox memory or process-count limits",
                    "run offswitch as root, e.g. sudo ./offswitch ...");
        }
        Path root = tools.cgroupRoot();
        try {
            if (Files.exists(root.resolve("cgroup.controllers"))) {
                return unified(root);
            }
            String memory = probe(root.resolve("memory"), "memory.limit_in_bytes");
            String pids = probe(root.resolve("pids"), "pids.max");
            String freezer = probe(root.resolve("freezer"), "freezer.state");
            if (memory.isEmpty() && pids.isEmpty() && freezer.isEmpty()) {
                return CheckResult.ok(NAME, "cgroup v1: created and removed test cgroups under " + root
                        + "/memory, " + root + "/pids and " + root + "/freezer");
            }
            return CheckResult.warn(NAME, "cgroup v1: " + String.join("; ", Stream.of(memory, pids, freezer).filter(m -> !m.isEmpty()).toList())
                            + "; without all three, sandboxes run with no memory or process limits and are not frozen while their files are read",
                    "mount the controllers: mount -t cgroup -o memory cgroup " + root + "/memory; "
                            + "mount -t cgroup -o pids cgroup " + root + "/pids; mount -t cgroup -o freezer cgroup " + root + "/freezer");
        } catch (IOException e) {
            return CheckResult.warn(NAME, "cgroup test failed under " + root + ": " + e, "check that " + root
                    + " is mounted read-write (docker run --privileged or --cgroupns=host)");
        }
    }

    /**
     * The bubblewrap backend drives v1 controllers only so far: on a v2-only machine the limits are not
     * applied, and saying OK here would hide that.
     */
    private CheckResult unified(Path root) throws IOException {
        String lost = "; offswitch's sandboxes use cgroup v1 controllers only so far, so on this machine they run WITHOUT"
                + " memory or process limits";
        String fix = "boot with systemd.unified_cgroup_hierarchy=0 (v1 controllers), or accept unlimited sandboxes";
        String controllers = Files.readString(root.resolve("cgroup.controllers"));
        if (!controllers.contains("memory") || !controllers.contains("pids")) {
            return CheckResult.warn(NAME, "cgroup v2 at " + root + " offers only [" + controllers.strip()
                    + "]; memory and pids are needed", "enable them in the parent cgroup's cgroup.subtree_control");
        }
        String missing = probe(root, "memory.max") + probe(root, "pids.max");
        if (!missing.isEmpty()) {
            return CheckResult.warn(NAME, "cgroup v2: " + missing,
                    "echo '+memory +pids' > " + root.resolve("cgroup.subtree_control"));
        }
        return CheckResult.warn(NAME, "cgroup v2: created and removed a test cgroup with memory and pids under " + root + lost, fix);
    }

    /** Empty when a child cgroup with {@code limitFile} could be created under {@code parent}; else why not. */
    private static String probe(Path parent, String limitFile) throws IOException {
        if (!Files.isDirectory(parent)) {
            return parent + " does not exist";
        }
        Path probe = parent.resolve(PROBE_PREFIX + ProcessHandle.current().pid() + "-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        Files.createDirectory(probe);
        try {
            return Files.exists(probe.resolve(limitFile)) ? "" : "no " + limitFile + " in a new cgroup under " + parent;
        } finally {
            Files.delete(probe); // rmdir of exactly the cgroup made above
        }
    }
}
