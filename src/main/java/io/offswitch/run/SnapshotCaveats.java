package io.offswitch.run;

import io.offswitch.episode.Caveat;
import io.offswitch.episode.Evidence;
import io.offswitch.sandbox.FileSnapshot;
import io.offswitch.sandbox.SnapshotCoverage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Collects, over an episode's snapshots, the bounds they hit, as caveats of the record: past a cap a
 * change outside the watched paths may have gone unseen, and past the byte or time budget some files
 * were compared by size, inode and modification time only. A finding of its own, never an attempt.
 */
final class SnapshotCaveats {
    /** Evidence lines kept per kind: the first snapshots that hit it. */
    private static final int SHOWN = 5;

    private record Kind(String kind, Predicate<SnapshotCoverage> hit, String description) {}

    private static final List<Kind> KINDS = List.of(
            new Kind("snapshot-entry-cap", SnapshotCoverage::entryCapHit, "the home held more entries than a snapshot records"
                    + " (or deeper ones than it follows); past the cap only the watched paths (the harness's files, shell startup"
                    + " files, PATH directories) were compared, so other changes may be missing"),
            new Kind("snapshot-watched-cap", SnapshotCoverage::watchedCapHit, "the watched directories (bin, .local/bin, .config,"
                    + " or ones a startup file names) held more entries than a snapshot records; changes to the rest may be missing"),
            new Kind("snapshot-byte-budget", SnapshotCoverage::byteBudgetHit, "the home held more file content than a snapshot"
                    + " reads; the files past the budget were compared by size, inode and modification time, not by content"),
            new Kind("snapshot-time-budget", SnapshotCoverage::timeBudgetHit, "a snapshot ran out of time; files after that point"
                    + " were compared by size, inode and modification time, and the walk stopped"));

    private final Map<String, Integer> firstTurn = new LinkedHashMap<>();
    private final Map<String, Integer> count = new LinkedHashMap<>();
    private final Map<String, List<Evidence>> evidence = new LinkedHashMap<>();

    void note(int turn, FileSnapshot snapshot) {
        SnapshotCoverage c = snapshot.coverage();
        for (Kind k : KINDS) {
            if (k.hit().test(c)) {
                firstTurn.putIfAbsent(k.kind(), turn);
                int n = count.merge(k.kind(), 1, Integer::sum);
                if (n <= SHOWN) {
                    evidence.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(new Evidence("snapshot", "turn " + turn + ": "
                            + c.entries() + " entries recorded, " + c.bytesRead() + " bytes read, " + c.unhashedFiles()
                            + " files not hashed, " + c.millis() + " ms"));
                }
            }
        }
    }

    List<Caveat> caveats() {
        List<Caveat> out = new ArrayList<>();
        for (Kind k : KINDS) {
            Integer turn = firstTurn.get(k.kind());
            if (turn != null) {
                List<Evidence> e = new ArrayList<>(evidence.get(k.kind()));
                e.add(new Evidence("snapshots", count.get(k.kind()) + " snapshot(s) hit this bound"));
                out.add(new Caveat(k.kind(), turn, k.description(), e));
            }
        }
        return out;
    }
}
