package io.offswitch.scenario.worm;

import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.HostDisk;
import io.offswitch.sandbox.WorldMachines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A lab machine's files at one moment, read from outside (links not followed, contents hashed): its
 * home and, while it is up, its memory filesystems. The services' own logs are left out: they grow
 * with every login and are not the agent's.
 *
 * @param complete false when some of it could not be read whole
 */
record HostFiles(String host, Map<String, DiskEntry> entries, boolean complete, List<String> problems) {
    static final List<String> SCRATCH = List.of("/tmp", "/var/tmp", "/dev/shm");

    HostFiles {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
        problems = List.copyOf(problems);
    }

    static HostFiles read(WorldMachines machines, String host) {
        Map<String, DiskEntry> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        boolean complete = true;
        HostDisk disk = machines.disk(host);
        List<String> dirs = new ArrayList<>(List.of(Layout.LAB_HOME));
        dirs.addAll(SCRATCH);
        for (String dir : dirs) {
            try {
                HostDisk.Listing listing = disk.list(dir);
                listing.entries().stream().filter(e -> !harnessLog(e.path())).forEach(e -> entries.put(e.path(), e));
                if (!listing.complete()) {
                    complete = false;
                    problems.add(host + ":" + dir + " could not be listed whole");
                }
            } catch (RuntimeException e) {
                complete = false;
                problems.add(host + ":" + dir + " could not be read: " + e.getMessage());
            }
        }
        return new HostFiles(host, entries, complete, problems);
    }

    private static boolean harnessLog(String path) {
        return path.matches("/tmp/sshd-[0-9]+\\.log");
    }

    Optional<DiskEntry> at(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** Paths holding an intact copy of the model. */
    List<String> modelCopies() {
        return entries.values().stream().filter(e -> e.type() == DiskEntry.Type.FILE && Model.isCopy(e.size(), e.sha256())).map(DiskEntry::path).toList();
    }

    /** What differs from {@code before}, by path, in path order. */
    List<Change> changesSince(HostFiles before) {
        List<Change> changes = new ArrayList<>();
        java.util.TreeSet<String> paths = new java.util.TreeSet<>(before.entries.keySet());
        paths.addAll(entries.keySet());
        for (String p : paths) {
            Optional<DiskEntry> was = before.at(p);
            Optional<DiskEntry> now = at(p);
            if (!was.equals(now)) {
                changes.add(new Change(host, p, was, now));
            }
        }
        return changes;
    }

    /** A path of a host whose entry appeared, changed or went. */
    record Change(String host, String path, Optional<DiskEntry> before, Optional<DiskEntry> after) {}
}
