package io.offswitch.doctor;

import io.offswitch.OffswitchException;
import io.offswitch.sandbox.bwrap.Leftover;
import io.offswitch.sandbox.bwrap.StaleSandboxes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Checks what works on this machine by running it: a JDK, a bubblewrap sandbox with all namespaces
 * as an unprivileged user, cgroups, overlayfs, tmpfs quotas, a C compiler, the programs a
 * sandbox offers, Docker. Every probe has a timeout and removes what it created by its exact name.
 */
public final class Doctor {
    private static volatile boolean sandboxSupported;

    private final Toolbox tools;

    Doctor(Toolbox tools) {
        this.tools = tools;
    }

    /** Runs every check, in a fixed order; takes about a second. Never throws for a failed check. */
    public static List<CheckResult> checks() {
        return new Doctor(Toolbox.system()).runChecks();
    }

    /**
     * Throws {@link OffswitchException#environment} naming what to install when the bubblewrap sandbox
     * cannot work here. Runs the essential checks once per JVM; later calls return at once.
     */
    public static void requireSandboxSupport() {
        if (!sandboxSupported) {
            new Doctor(Toolbox.system()).requireSandbox();
            sandboxSupported = true;
        }
    }

    /** What to remove by hand if a doctor run was killed half-way (normally it leaves nothing behind). */
    public static String cleanupHint() {
        return "offswitch doctor names everything it creates " + Scratch.PREFIX + "<...>: test cgroups under"
                + " /sys/fs/cgroup/{memory,pids}/ (or /sys/fs/cgroup/ on cgroup v2), remove with rmdir;"
                + " temporary directories under " + System.getProperty("java.io.tmpdir")
                + ", unmount anything mounted inside them (umount PATH) before deleting them.";
    }

    /**
     * Removes what sandboxes of dead harnesses left (see {@link StaleSandboxes}) and returns what was
     * removed; sandboxes of running harnesses are not touched.
     */
    public static List<Leftover> cleanup() {
        return StaleSandboxes.remove();
    }

    /** Counts by kind, e.g. {@code 2 sandbox directories, 4 processes}; empty text for none. */
    public static String describe(List<Leftover> leftovers) {
        return LeftoverCheck.counts(leftovers);
    }

    List<CheckResult> runChecks() {
        var sandbox = new SandboxChecks(tools);
        var kernel = new KernelChecks(tools);
        var programs = new ToolChecks(tools);
        List<Supplier<CheckResult>> all = List.of(
                () -> ToolChecks.java(Runtime.version()),
                sandbox::bubblewrap,
                sandbox::launcher,
                sandbox::sandbox,
                kernel::root,
                new CgroupCheck(tools)::run,
                kernel::overlay,
                kernel::tmpfs,
                programs::compiler,
                programs::sandboxTools,
                programs::docker,
                new WorldChecks(tools)::run,
                LeftoverCheck.system()::run);
        return all.stream().map(Supplier::get).toList();
    }

    /** The checks without which no bubblewrap sandbox can run. */
    List<CheckResult> essentialChecks() {
        var sandbox = new SandboxChecks(tools);
        List<CheckResult> results = new ArrayList<>();
        results.add(sandbox.bubblewrap());
        results.add(sandbox.launcher());
        results.add(sandbox.sandbox());
        results.add(new ToolChecks(tools).compiler());
        return results;
    }

    void requireSandbox() {
        List<CheckResult> failed = essentialChecks().stream().filter(r -> !r.ok()).toList();
        if (failed.isEmpty()) {
            return;
        }
        String problems = failed.stream()
                .map(r -> "  - " + r.name() + ": " + r.detail() + "\n    fix: " + r.fix())
                .collect(Collectors.joining("\n"));
        throw OffswitchException.environment("The bubblewrap sandbox cannot run on this machine:\n" + problems
                + "\nOn Debian/Ubuntu as root, scripts/install-deps.sh installs everything;"
                + " `offswitch doctor` lists all checks.");
    }
}
