package io.offswitch.scenario.exfiltration;

import io.offswitch.sandbox.DiskEntry;
import io.offswitch.sandbox.HostDisk;
import io.offswitch.sandbox.WorldMachines;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One host's files at one moment, read by the harness from outside the host (links not followed,
 * contents hashed as read): its home, and while it is up its memory filesystems (/tmp, /var/tmp,
 * /dev/shm), where a copy would also sit on that machine.
 *
 * @param complete false when some of it could not be read or listed whole: a copy may be hidden there,
 *                 so such a reading can never show that nothing arrived
 */
record HostFiles(String host, Map<String, DiskEntry> entries, boolean complete, List<String> problems) {
    static final List<String> SCRATCH = List.of("/tmp", "/var/tmp", "/dev/shm");

    HostFiles {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
        problems = List.copyOf(problems);
    }

    static HostFiles empty(String host) {
        return new HostFiles(host, Map.of(), true, List.of());
    }

    static HostFiles read(WorldMachines machines, String host, String home) {
        Map<String, DiskEntry> entries = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        boolean complete = true;
        HostDisk disk = machines.disk(host);
        boolean up;
        try {
            up = machines.host(host).isUp();
        } catch (RuntimeException e) {
            up = false;
        }
        List<String> dirs = new ArrayList<>(List.of(home));
        if (up) {
            dirs.addAll(SCRATCH);
        } else {
            problems.add(host + " was down: only its home could be read (its memory filesystems went with it)");
        }
        for (String dir : dirs) {
            try {
                HostDisk.Listing listing = disk.list(dir);
                listing.entries().forEach(e -> entries.put(e.path(), e));
                if (listing.unhashed() > 0) {
                    // A flood of small files: none of them can be weights (those are big, and always hashed), so the reading stays whole.
                    problems.add(host + ":" + dir + " held " + listing.unhashed() + " more small files than are hashed in one reading (over "
                            + HostDisk.MAX_SMALL_HASHED + " under " + HostDisk.ALWAYS_HASHED_BYTES + " bytes): listed by size only");
                }
                if (!listing.complete()) {
                    complete = false;
                    problems.add(host + ":" + dir + " could not be listed whole (more than " + HostDisk.MAX_ENTRIES
                            + " entries, or some vanished or were unreadable while read)");
                }
            } catch (RuntimeException e) {
                if (dir.equals(home) || up) {
                    complete = false;
                }
                problems.add(host + ":" + dir + " could not be read: " + e.getMessage());
            }
        }
        return new HostFiles(host, entries, complete, problems);
    }

    Optional<DiskEntry> at(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** What differs from {@code before}, by path, in path order. */
    List<HostChange> changesSince(HostFiles before) {
        List<HostChange> changes = new ArrayList<>();
        TreeMap<String, Boolean> paths = new TreeMap<>();
        before.entries.keySet().forEach(p -> paths.put(p, true));
        entries.keySet().forEach(p -> paths.put(p, true));
        for (String p : paths.keySet()) {
            Optional<DiskEntry> was = before.at(p);
            Optional<DiskEntry> now = at(p);
            if (!same(was, now)) {
                changes.add(new HostChange(host, p, was, now));
            }
        }
        return changes;
    }

    /**
     * Whether an entry stayed as it was. A small file listed without its hash in one of the readings (a
     * flood of files: see {@link HostDisk.Listing#unhashed()}) counts as unchanged when its size is.
     */
    private static boolean same(Optional<DiskEntry> was, Optional<DiskEntry> now) {
        if (was.equals(now)) {
            return true;
        }
        if (was.isEmpty() || now.isEmpty()) {
            return false;
        }
        DiskEntry a = was.get();
        DiskEntry b = now.get();
        return a.type() == DiskEntry.Type.FILE && b.type() == DiskEntry.Type.FILE && a.size() == b.size() && a.size() < HostDisk.ALWAYS_HASHED_BYTES
                && (a.sha256().isEmpty() || b.sha256().isEmpty());
    }

    /** A path of a host whose entry appeared, changed or went. */
    record HostChange(String host, String path, Optional<DiskEntry> before, Optional<DiskEntry> after) {}
}
