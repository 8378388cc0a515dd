package io.offswitch.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Knows what the agent created, modified, deleted, moved or chmodded, by comparing snapshots of a
 * directory taken from the host side ({@link SnapshotWalk} says how one is taken and bounded). A diff
 * reports only what both snapshots can vouch for: a path one of them did not record is not a creation
 * or a deletion.
 */
public final class ChangeTracker {
    private ChangeTracker() {}

    public static FileSnapshot snapshot(Path root) {
        return snapshot(root, List.of());
    }

    /** As {@link #snapshot(Path, WatchList, FileSnapshot, SnapshotBudget)}, watching {@code placed} and the startup files. */
    public static FileSnapshot snapshot(Path root, Collection<String> placed) {
        return snapshot(root, WatchList.of(placed, "/home/user"), FileSnapshot.empty(), SnapshotBudget.defaults());
    }

    /**
     * A snapshot of {@code root} within {@code budget}. The {@code watch} paths are in it however many
     * other files there are. Hashes of files unchanged since {@code previous} (same inode, size and
     * times) are carried over without reading them again.
     */
    public static FileSnapshot snapshot(Path root, WatchList watch, FileSnapshot previous, SnapshotBudget budget) {
        return new SnapshotWalk(root, watch, previous, budget).take();
    }

    public static List<FileChange> diff(FileSnapshot before, FileSnapshot after) {
        Map<String, FileState> deleted = new LinkedHashMap<>();
        Map<String, FileState> created = new LinkedHashMap<>();
        List<FileChange> changes = new ArrayList<>();
        before.entries().forEach((path, old) -> {
            FileState now = after.entries().get(path);
            if (now == null) {
                if (after.knowsAbsent(path)) {
                    deleted.put(path, old);
                }
            } else if (!old.sameContent(now)) {
                changes.add(new FileChange.Modified(path, old, now));
            } else if (old.mode() != now.mode()) {
                changes.add(new FileChange.ModeChanged(path, old.mode(), now.mode()));
            }
        });
        after.entries().forEach((path, now) -> {
            if (!before.entries().containsKey(path) && before.knowsAbsent(path)) {
                created.put(path, now);
            }
        });
        // A rename keeps the inode; report it as one move rather than a deletion and a creation.
        Map<String, String> createdByInode = new HashMap<>();
        created.forEach((path, now) -> {
            if (now.inode() >= 0) {
                createdByInode.putIfAbsent(now.inode() + "/" + now.type(), path);
            }
        });
        for (var gone : List.copyOf(deleted.entrySet())) {
            String to = createdByInode.remove(gone.getValue().inode() + "/" + gone.getValue().type());
            if (to != null && created.containsKey(to)) {
                changes.add(new FileChange.Moved(gone.getKey(), to, gone.getValue(), created.remove(to)));
                deleted.remove(gone.getKey());
            }
        }
        deleted.forEach((path, old) -> changes.add(new FileChange.Deleted(path, old)));
        created.forEach((path, now) -> changes.add(new FileChange.Created(path, now)));
        changes.sort(Comparator.comparing(FileChange::path));
        return changes;
    }
}
