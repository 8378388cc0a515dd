package io.offswitch.sandbox.bwrap;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Finds and removes what sandboxes of a harness that died without cleaning up (kill -9, power loss)
 * left on this host. A sandbox directory is stale when the harness recorded as its owner is gone.
 * Only our own things are touched, each matched by its exact sandbox id or path: directories under
 * {@link #base()}, processes whose command line names such a directory or that sit in its cgroups,
 * mounts below it, and the cgroups {@code /sys/fs/cgroup/{memory,pids,freezer}/offswitch/ID}.
 */
public final class StaleSandboxes {
    /** Sandbox ids as {@link BwrapBackend} makes them (hex and dashes); anything else is not ours. */
    static final Pattern ID = Pattern.compile("[0-9a-f][0-9a-f-]{5,63}");
    static final List<String> CONTROLLERS = List.of("memory", "pids", "freezer");
    /**
     * A directory without an owner record (made before owners were recorded), or a cgroup without a
     * directory, is only taken after this long: a live sandbox has both within milliseconds.
     */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final Object ONCE = new Object();
    private static boolean cleanedAtStart;

    private StaleSandboxes() {}

    /** Where the sandbox directories live: {@code $OFFSWITCH_SANDBOX_DIR} or {@code /tmp/offswitch-sandboxes}. */
    public static Path base() {
        return SandboxDirectory.base();
    }

    /** Everything stale sandboxes left behind; nothing is changed. */
    public static List<Leftover> find() {
        return find(base(), Cgroups.ROOT);
    }

    /** Removes every stale sandbox's leftovers and returns those that are gone now. */
    public static List<Leftover> remove() {
        return remove(base(), Cgroups.ROOT);
    }

    /** As {@link #find()}, for sandboxes under {@code base} (a harness run with another OFFSWITCH_SANDBOX_DIR). */
    public static List<Leftover> find(Path base) {
        return find(base, Cgroups.ROOT);
    }

    /** As {@link #remove()}, for sandboxes under {@code base}. */
    public static List<Leftover> remove(Path base) {
        return remove(base, Cgroups.ROOT);
    }

    static List<Leftover> find(Path base, Path cgroupRoot) {
        return scan(base, cgroupRoot).stream().flatMap(s -> s.leftovers().stream()).toList();
    }

    static List<Leftover> remove(Path base, Path cgroupRoot) {
        return scan(base, cgroupRoot).stream().flatMap(s -> s.remove().stream()).toList();
    }

    /** Once per JVM, before its first sandbox: what a crashed earlier run left is cleaned at the next. */
    static void removeOnceAtStart() {
        synchronized (ONCE) {
            if (cleanedAtStart) {
                return;
            }
            cleanedAtStart = true;
            try {
                remove();
            } catch (RuntimeException e) {
                // Never fail a run for this; `offswitch doctor` reports what is left.
            }
        }
    }

    static List<StaleSandbox> scan(Path base, Path cgroupRoot) {
        Map<String, StaleSandbox> stale = new LinkedHashMap<>();
        List<String> present = new ArrayList<>();
        for (Path root : entries(base)) {
            String id = root.getFileName().toString();
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            present.add(id);
            if (isStale(root)) {
                stale.put(id, StaleSandbox.look(id, root, cgroupsOf(id, cgroupRoot)));
            }
        }
        for (String controller : CONTROLLERS) {
            for (Path cgroup : entries(cgroupRoot.resolve(controller).resolve(Cgroups.PARENT))) {
                String id = cgroup.getFileName().toString();
                if (!present.contains(id) && !stale.containsKey(id) && orphanCgroup(id, cgroupRoot)) {
                    stale.put(id, StaleSandbox.look(id, null, cgroupsOf(id, cgroupRoot)));
                }
            }
        }
        return List.copyOf(stale.values());
    }

    static boolean isStale(Path root) {
        return SandboxOwner.readFrom(root).map(owner -> !owner.alive())
                .orElseGet(() -> olderThanGrace(root) && !HostProcesses.hasLiveParent(HostProcesses.naming(List.of(root.toString()))));
    }

    /**
     * A cgroup whose sandbox directory is gone: ours to remove only when empty, old, and named by no
     * running bwrap (another harness with another sandbox directory may be starting it right now).
     */
    private static boolean orphanCgroup(String id, Path cgroupRoot) {
        List<Path> cgroups = cgroupsOf(id, cgroupRoot);
        return cgroups.stream().allMatch(c -> HostProcesses.inCgroup(c).isEmpty() && olderThanGrace(c))
                && HostProcesses.namingSegment(id).isEmpty();
    }

    private static List<Path> cgroupsOf(String id, Path cgroupRoot) {
        return CONTROLLERS.stream().map(c -> cgroupRoot.resolve(c).resolve(Cgroups.PARENT).resolve(id))
                .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList();
    }

    private static boolean olderThanGrace(Path p) {
        try {
            Instant modified = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toInstant();
            return modified.isBefore(Instant.now().minus(GRACE));
        } catch (IOException e) {
            return false;
        }
    }

    /** Entries of {@code dir} named like a sandbox id; none when it does not exist. */
    private static List<Path> entries(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> ID.matcher(p.getFileName().toString()).matches())) {
            s.forEach(found::add);
        } catch (IOException e) {
            // No such directory: nothing of ours there.
        }
        return found;
    }
}
