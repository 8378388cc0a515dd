package io.offswitch.doctor;

import io.offswitch.sandbox.bwrap.Leftover;
import io.offswitch.sandbox.bwrap.StaleSandboxes;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** Sandboxes a crashed harness left behind: directories, processes, mounts and cgroups of dead owners. */
final class LeftoverCheck {
    static final String NAME = "leftovers";
    static final String FIX = "offswitch doctor --cleanup";

    private final Supplier<List<Leftover>> finder;

    LeftoverCheck(Supplier<List<Leftover>> finder) {
        this.finder = finder;
    }

    static LeftoverCheck system() {
        return new LeftoverCheck(StaleSandboxes::find);
    }

    CheckResult run() {
        List<Leftover> found = finder.get();
        if (found.isEmpty()) {
            return CheckResult.ok(NAME, "no stale sandboxes under " + StaleSandboxes.base() + " or in the offswitch cgroups");
        }
        long sandboxes = found.stream().map(Leftover::sandboxId).distinct().count();
        return CheckResult.warn(NAME, sandboxes + (sandboxes == 1 ? " stale sandbox" : " stale sandboxes") + " left by a harness that did not exit cleanly: " + counts(found), FIX);
    }

    /** "3 sandbox directories, 6 processes, ..." in a fixed order. */
    static String counts(List<Leftover> leftovers) {
        Map<Leftover.Kind, Long> byKind = new TreeMap<>(leftovers.stream().collect(Collectors.groupingBy(Leftover::kind, Collectors.counting())));
        return byKind.entrySet().stream()
                .map(e -> e.getValue() + " " + noun(e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String noun(Leftover.Kind kind, long n) {
        String one = kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return n == 1 ? one : switch (kind) {
            case SANDBOX_DIRECTORY -> "sandbox directories";
            case PROCESS -> "processes";
            case MOUNT, CGROUP -> one + "s";
        };
    }
}
