package io.offswitch.store;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Finished episodes and runs in an embedded SQLite file. Each {@link #save} is committed before it
 * returns, so a crash loses only the episodes still in flight. One connection serves all callers, one
 * at a time: SQLite allows a single writer anyway, and a lock (not {@code synchronized}) keeps waiting
 * virtual threads unpinned. WAL mode and a busy timeout let another process (a report, the viewer)
 * read while a run writes.
 */
public final class EpisodeStore implements AutoCloseable {
    /** Where results go when the user names no other file. */
    public static final Path DEFAULT_PATH = Path.of("offswitch-results", "offswitch.db");

    private static final int BUSY_TIMEOUT_MILLIS = 30_000;
    private static final String MOVE_ASIDE = ". Move the file aside or point offswitch at another database file";
    private static final String EPISODE_COLUMNS =
            "id, run_id, scenario, condition, model, epoch, outcome, attempted, agent_scripted, started_at, finished_at, record_json";

    private final Path path;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    /** Opens the store at {@code path}, creating the file, its parent folders and its tables as needed. */
    public EpisodeStore(Path path) {
        this.path = path.toAbsolutePath();
        this.connection = open(this.path);
    }

    public Path path() {
        return path;
    }

    private static Connection open(Path path) {
        if (Files.isDirectory(path)) {
            throw problem(path, "it is a folder, not a file" + MOVE_ASIDE, null);
        }
        try {
            Files.createDirectories(path.getParent());
        } catch (IOException e) {
            throw problem(path, "cannot create its folder (" + e + ")", e);
        }
        Connection connection = null;
        try {
            connection = DriverManager.getConnection("jdbc:sqlite:" + path);
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
                // Reading the journal mode is the first real read of the file: a non-database fails here.
                statement.execute("PRAGMA journal_mode = WAL");
                statement.execute("PRAGMA synchronous = FULL");
            }
            OptionalInt version = Schema.create(connection);
            if (version.isPresent() && version.getAsInt() > Schema.VERSION) {
                throw problem(path, "it was written by a newer offswitch (schema version " + version.getAsInt()
                        + ", this one knows up to " + Schema.VERSION + "). Upgrade offswitch to read it", null);
            }
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw problem(path, "it is not a readable SQLite database (" + e.getMessage() + ")" + MOVE_ASIDE, e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private static OffswitchException problem(Path path, String why, Throwable cause) {
        return new OffswitchException(ExitCode.FAILURE, "cannot use the results database " + path + ": " + why + ".", cause);
    }

    /** Records a run; recording the same run id again (a resumed run) keeps the first record. */
    public void createRun(RunInfo run) {
        locked("record run " + run.runId(), () -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO runs (run_id, created_at, scenario, plan_json, command_line, offswitch_version)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO NOTHING")) {
                insert.setString(1, run.runId());
                insert.setString(2, Schema.time(run.createdAt()));
                insert.setString(3, run.scenario());
                insert.setString(4, run.planJson());
                insert.setString(5, run.commandLine());
                insert.setString(6, run.version());
                insert.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Stores a finished episode and commits it. Saving an id that is already stored keeps the stored
     * one: episode ids are deterministic, so a second save of the same id is the same result.
     *
     * @return whether this call stored the episode (false when the id was already there)
     */
    public boolean save(EpisodeRecord record) {
        String json = Json.write(record);
        return locked("save episode " + record.id(), () -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO episodes (" + EPISODE_COLUMNS
                    + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
                insert.setString(1, record.id());
                insert.setString(2, record.key().runId());
                insert.setString(3, record.key().scenario());
                insert.setString(4, record.key().condition());
                insert.setString(5, record.key().model());
                insert.setInt(6, record.key().epoch());
                insert.setString(7, record.verdict().outcome().label());
                insert.setInt(8, record.attempted() ? 1 : 0);
                insert.setInt(9, record.provenance().agentScripted() ? 1 : 0);
                insert.setString(10, Schema.time(record.startedAt()));
                insert.setString(11, Schema.time(record.finishedAt()));
                insert.setString(12, json);
                return insert.executeUpdate() == 1;
            }
        });
    }

    public Optional<EpisodeRecord> find(String id) {
        return queryRecords("SELECT id, record_json FROM episodes WHERE id = ?", id).stream().findFirst();
    }

    /**
     * The episode whose id is {@code idOrPrefix}, or else the only one whose id starts with it.
     *
     * @throws OffswitchException (usage) when the prefix matches several episodes, naming some of them
     */
    public Optional<EpisodeRecord> findByPrefix(String idOrPrefix) {
        Optional<EpisodeRecord> exact = find(idOrPrefix);
        if (exact.isPresent() || idOrPrefix.isEmpty()) {
            return exact;
        }
        List<String> ids = queryStrings(
                "SELECT id FROM episodes WHERE substr(id, 1, length(?1)) = ?1 ORDER BY id LIMIT 6", idOrPrefix);
        if (ids.size() > 1) {
            throw OffswitchException.usage("episode id prefix '" + idOrPrefix + "' matches several episodes, e.g. "
                    + String.join(", ", ids.subList(0, Math.min(5, ids.size()))) + "; give more of the id");
        }
        return ids.isEmpty() ? Optional.empty() : find(ids.get(0));
    }

    /** The episodes of one run, or of all runs; in the order they started. */
    public List<EpisodeRecord> episodes(Optional<String> runId) {
        return runId.isPresent()
                ? queryRecords("SELECT id, record_json FROM episodes WHERE run_id = ? ORDER BY started_at, id", runId.get())
                : queryRecords("SELECT id, record_json FROM episodes ORDER BY started_at, id");
    }

    /** The ids of the episodes of a run already stored: a resumed run skips these. */
    public Set<String> finishedKeys(String runId) {
        return new LinkedHashSet<>(queryStrings("SELECT id FROM episodes WHERE run_id = ? ORDER BY id", runId));
    }

    /**
     * Forgets the run's episodes that ended as {@code error}, so that resuming the run runs them again
     * ({@code run --retry-errors}); returns how many were forgotten. Other outcomes are never touched.
     */
    public int forgetErrors(String runId) {
        return locked("forget errors of run " + runId, () -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM episodes WHERE run_id = ? AND outcome = 'error'")) {
                delete.setString(1, runId);
                return delete.executeUpdate();
            }
        });
    }

    /** All recorded runs, oldest first. */
    public List<RunInfo> runs() {
        return locked("list runs", () -> {
            List<RunInfo> runs = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT run_id, created_at, scenario, plan_json, command_line,"
                            + " offswitch_version FROM runs ORDER BY created_at, run_id")) {
                while (rows.next()) {
                    runs.add(new RunInfo(rows.getString(1), Schema.time(rows.getString(2)), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6)));
                }
            }
            return runs;
        });
    }

    /** The most recently started run: from the runs table, or from episodes saved without a run record. */
    public Optional<String> latestRunId() {
        return queryStrings("SELECT run_id FROM (SELECT run_id, created_at AS at FROM runs"
                + " UNION ALL SELECT run_id, min(started_at) AS at FROM episodes GROUP BY run_id)"
                + " ORDER BY at DESC, run_id DESC LIMIT 1").stream().findFirst();
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw problem(path, "closing it failed (" + e.getMessage() + ")", e);
        } finally {
            lock.unlock();
        }
    }

    private List<EpisodeRecord> queryRecords(String sql, String... parameters) {
        return locked("read episodes", () -> {
            List<EpisodeRecord> records = new ArrayList<>();
            try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    records.add(Json.read(rows.getString(2), EpisodeRecord.class, "episode " + rows.getString(1) + " in " + path));
                }
            }
            return records;
        });
    }

    private List<String> queryStrings(String sql, String... parameters) {
        return locked("read episodes", () -> {
            List<String> values = new ArrayList<>();
            try (PreparedStatement query = prepare(sql, parameters); ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        });
    }

    private PreparedStatement prepare(String sql, String... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setString(i + 1, parameters[i]);
        }
        return statement;
    }

    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private <T> T locked(String what, SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw problem(path, "could not " + what + " (" + e.getMessage() + ")", e);
        } finally {
            lock.unlock();
        }
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing with a better message.
            }
        }
    }
}
