package io.offswitch.sandbox;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of paths under a directory at one moment, keyed by path relative to it. A snapshot that
 * hit its entry cap or time budget is not {@code complete}: a path missing from it is known to be
 * absent only if it was {@code checked} by name, or its parent directory is one of the {@code listed}
 * ones (every entry of those is in the snapshot), or an ancestor is recorded as something other than
 * a directory. A diff never reads "not recorded" as "deleted".
 *
 * @param checked the watched paths looked up by name, present or not ({@link WatchList})
 * @param listed  the directories ("" for the root) whose every entry is recorded
 */
public record FileSnapshot(Map<String, FileState> entries, boolean complete, Set<String> checked, Set<String> listed, SnapshotCoverage coverage) {
    public FileSnapshot {
        entries = java.util.Collections.unmodifiableMap(new TreeMap<>(entries));
        checked = Set.copyOf(checked);
        listed = Set.copyOf(listed);
    }

    /** A complete snapshot: everything under the directory is in {@code entries}. */
    public FileSnapshot(Map<String, FileState> entries) {
        this(entries, true, Set.of(), Set.of(), SnapshotCoverage.whole(entries.size()));
    }

    public static FileSnapshot empty() {
        return new FileSnapshot(Map.of());
    }

    /** Whether this snapshot shows that {@code path} did not exist (rather than merely not recording it). */
    public boolean knowsAbsent(String path) {
        if (entries.containsKey(path)) {
            return false;
        }
        if (complete || checked.contains(path)) {
            return true;
        }
        for (String p = path; ; ) {
            int slash = p.lastIndexOf('/');
            String parent = slash < 0 ? "" : p.substring(0, slash);
            if (parent.isEmpty()) {
                return listed.contains("");
            }
            FileState state = entries.get(parent);
            if (state != null) {
                return state.type() != FileState.Type.DIRECTORY || listed.contains(parent);
            }
            if (checked.contains(parent)) {
                return true;
            }
            p = parent;
        }
    }
}
