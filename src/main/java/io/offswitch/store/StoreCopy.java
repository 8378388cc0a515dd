package io.offswitch.store;

import io.offswitch.OffswitchException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Copies the runs and episodes of one store into another (an SQLite file into a team's PostgreSQL):
 * rows as they are stored, the JSON byte for byte, so the copy answers every query as the original
 * does. What the target has already is kept and counted, never written twice, so copying again adds
 * only what is new. Episodes go in batches, each in one transaction: a copy stopped at any point
 * leaves whole episodes only, and running it again finishes it. Claims are not copied: they belong
 * to processes running on the source.
 */
public final class StoreCopy {
    /** Episodes per transaction: big enough that commits do not dominate, small enough to hold in memory. */
    public static final int BATCH_SIZE = 500;

    private static final String[] TEXT_COLUMNS = {"id", "run_id", "scenario", "condition", "model"};

    /**
     * How far a copy got.
     *
     * @param runsCopied      runs written to the target by this copy
     * @param runsThere       runs the target had already
     * @param episodesCopied  episodes written by this copy
     * @param episodesThere   episodes the target had already (kept as the target has them)
     * @param episodesInSource episodes the source holds
     */
    public record Counts(int runsCopied, int runsThere, long episodesCopied, long episodesThere, long episodesInSource) {
        Counts plus(long copied, long there) {
            return new Counts(runsCopied, runsThere, episodesCopied + copied, episodesThere + there, episodesInSource);
        }
    }

    private StoreCopy() {}

    /**
     * Copies everything of {@code from} into {@code to}; {@code progress} hears the counts after each
     * committed batch (an exception it throws stops the copy there, with the batches so far kept).
     */
    public static Counts copy(EpisodeStore from, EpisodeStore to, Consumer<Counts> progress) {
        if (from.location().equals(to.location())) {
            throw OffswitchException.usage("--from and --to are the same store (" + from.where() + "); copy into another one");
        }
        List<String[]> runs = from.withConnection("read runs", c -> {
            List<String[]> out = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT run_id, created_at, scenario, plan_json, command_line, offswitch_version FROM runs");
                    ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String[] row = new String[6];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = r.getString(i + 1);
                    }
                    out.add(row);
                }
            }
            return out;
        });
        int runsCopied = to.withConnection("copy runs", c -> Dialect.transaction(c, () -> {
            int n = 0;
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO runs (run_id, created_at, scenario, plan_json, command_line,"
                    + " offswitch_version) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING")) {
                for (String[] run : runs) {
                    for (int i = 0; i < run.length; i++) {
                        insert.setString(i + 1, run[i]);
                    }
                    n += insert.executeUpdate();
                }
            }
            return n;
        }));
        long total = from.withConnection("count episodes", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM episodes"); ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        });
        Counts counts = new Counts(runsCopied, runs.size() - runsCopied, 0, 0, total);
        progress.accept(counts);
        // A file opened only for reading may predate the added columns: they read as NULL, as they would there.
        Set<String> present = from.withConnection("read columns", c -> {
            try (var s = c.createStatement()) {
                return from.dialect().columns(s, "episodes");
            }
        });
        String added = String.join(", ", Schema.ADDED_EPISODE_COLUMNS.stream().map(col -> present.contains(col[0]) ? col[0] : "NULL").toList());
        String select = "SELECT id, run_id, scenario, condition, model, epoch, outcome, attempted, agent_scripted, started_at, finished_at,"
                + " record_json, " + added + " FROM episodes WHERE id > ? ORDER BY id LIMIT " + BATCH_SIZE;
        String after = "";
        while (true) {
            String from_ = after;
            List<Object[]> batch = from.withConnection("read episodes", c -> read(c, select, from_));
            if (batch.isEmpty()) {
                return counts;
            }
            long copied = to.withConnection("copy episodes", c -> Dialect.transaction(c, () -> write(c, batch)));
            counts = counts.plus(copied, batch.size() - copied);
            progress.accept(counts);
            after = (String) batch.getLast()[0];
        }
    }

    private static List<Object[]> read(Connection c, String select, String after) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(select)) {
            s.setString(1, after);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    Object[] row = new Object[15];
                    for (int i = 0; i < TEXT_COLUMNS.length; i++) {
                        row[i] = r.getString(i + 1);
                    }
                    row[5] = r.getInt(6);
                    row[6] = r.getString(7);
                    row[7] = r.getInt(8);
                    row[8] = r.getInt(9);
                    row[9] = r.getString(10);
                    row[10] = r.getString(11);
                    row[11] = r.getString(12);
                    double score = r.getDouble(13);
                    row[12] = r.wasNull() ? null : score;
                    row[13] = r.getString(14);
                    row[14] = r.getString(15);
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    private static long write(Connection c, List<Object[]> batch) throws SQLException {
        long n = 0;
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO episodes (id, run_id, scenario, condition, model, epoch, outcome,"
                + " attempted, agent_scripted, started_at, finished_at, record_json, score, eval_awareness, defence)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            for (Object[] row : batch) {
                for (int i = 0; i < row.length; i++) {
                    switch (row[i]) {
                        case null -> insert.setNull(i + 1, i == 12 ? Types.DOUBLE : Types.VARCHAR);
                        case Integer v -> insert.setInt(i + 1, v);
                        case Double v -> insert.setDouble(i + 1, v);
                        default -> insert.setString(i + 1, (String) row[i]);
                    }
                }
                insert.addBatch();
            }
            // One round trip for the batch; each count says whether that row was new.
            int[] counts = insert.executeBatch();
            List<Object[]> copied = new ArrayList<>();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    n++;
                    copied.add(batch.get(i));
                }
            }
            // The viewer's summary of each episode copied, computed from its JSON as the target stores it.
            EpisodeSummaries.insert(c, copied.parallelStream().map(row -> {
                try {
                    return CountingJson.read((String) row[11], "episode " + row[0]);
                } catch (RuntimeException unreadable) {
                    return null;
                }
            }).filter(java.util.Objects::nonNull).toList());
        }
        return n;
    }
}
