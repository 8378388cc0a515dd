package io.offswitch.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.OptionalInt;

/** The tables of the episode store and the version stamp that guards them. */
final class Schema {
    /** Bump when the tables change, and add the migration from the previous version to {@link #create}. */
    static final int VERSION = 1;

    // Fixed width, so that text order is time order (Instant.toString drops trailing zero digits).
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

    private static final String[] TABLES = {
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            created_at TEXT NOT NULL,
            scenario TEXT NOT NULL,
            plan_json TEXT NOT NULL,
            command_line TEXT NOT NULL,
            offswitch_version TEXT NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS episodes (
            id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL,
            scenario TEXT NOT NULL,
            condition TEXT NOT NULL,
            model TEXT NOT NULL,
            epoch INTEGER NOT NULL,
            outcome TEXT NOT NULL,
            attempted INTEGER NOT NULL,
            agent_scripted INTEGER NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            record_json TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS episodes_by_run ON episodes (run_id)",
        "CREATE INDEX IF NOT EXISTS episodes_by_cell ON episodes (scenario, model, condition)",
        "CREATE INDEX IF NOT EXISTS runs_by_time ON runs (created_at)",
        // Added without a version bump, like claims below: the viewer's page of a cell's episodes in
        // start order. A file without it (written before, or opened only for reading) is read the same, more slowly.
        "CREATE INDEX IF NOT EXISTS episodes_by_cell_time ON episodes (scenario, model, condition, started_at)",
        // Added without a version bump: older offswitch versions ignore it, and IF NOT EXISTS creates it
        // in older files. A row says one process is running that episode right now.
        """
        CREATE TABLE IF NOT EXISTS claims (
            episode_id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL,
            owner TEXT NOT NULL,
            claimed_at TEXT NOT NULL,
            heartbeat_at TEXT NOT NULL)""",
        // Added without a version bump, like claims: a monitor's replies, so a stored run monitored again by
        // the same monitor (model, prompt) on the same input makes no model call.
        """
        CREATE TABLE IF NOT EXISTS monitor_calls (
            key TEXT PRIMARY KEY,
            monitor TEXT NOT NULL,
            prompt_hash TEXT NOT NULL,
            input_hash TEXT NOT NULL,
            reply_json TEXT NOT NULL,
            created_at TEXT NOT NULL)""",
        // Added without a version bump, like claims: questions a running episode's defence puts to a person
        // in the viewer (approve a call, release a held item), and their answers.
        """
        CREATE TABLE IF NOT EXISTS approvals (
            id TEXT PRIMARY KEY,
            run_id TEXT NOT NULL,
            episode_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            turn INTEGER NOT NULL,
            subject TEXT NOT NULL,
            created_at TEXT NOT NULL,
            deadline_at TEXT NOT NULL,
            state TEXT NOT NULL,
            decided_by TEXT,
            decided_at TEXT)""",
    };

    /**
     * Columns added to {@code episodes} after its first release, with their types: each is added to an
     * older file when it is opened for writing (ALTER TABLE ... ADD COLUMN), and is NULL in the rows that
     * file already held. Added without a version bump, as the claims table was: older offswitch versions
     * name the columns they insert and select, so they still read and write such a file. The values are
     * copies of the record's JSON (which stays the source), kept as columns so SQL can filter on them.
     * {@code score}: the episode's score, when its scenario scores (sandbagging's accuracy);
     * {@code eval_awareness}: what the eval-awareness judges found its messages said of the situation;
     * {@code defence}: the defence the episode ran under (NULL in older rows, which all ran under none).
     */
    static final List<String[]> ADDED_EPISODE_COLUMNS = List.of(
            new String[] {"score", "REAL"},
            new String[] {"eval_awareness", "TEXT"},
            new String[] {"defence", "TEXT"});

    private Schema() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static Instant time(String text) {
        return Instant.from(TIME.parse(text));
    }

    /** Creates missing tables in one transaction and returns the version the store was at before. */
    static OptionalInt create(Connection connection, Dialect dialect) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            dialect.lockSchema(statement);
            for (String ddl : TABLES) {
                statement.execute(typed(ddl, dialect));
            }
            addMissingColumns(statement, dialect);
            // Added without a version bump, like claims: older offswitch versions never read it, and the
            // rows of episodes they stored are filled in when this version opens the store for writing.
            statement.execute(typed(EpisodeSummaries.TABLE, dialect));
            for (String ddl : EpisodeSummaries.INDEXES) {
                statement.execute(ddl);
            }
            if (dialect == Dialect.SQLITE) {
                statement.execute(EpisodeSummaries.SQLITE_TALLY_INDEX);
            }
            OptionalInt found = version(statement);
            if (found.isEmpty()) {
                statement.execute("INSERT INTO schema_version (version) VALUES (" + VERSION + ")");
            }
            connection.commit();
            return found;
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    /** The DDL, written with SQLite's types, in {@code dialect}'s. */
    private static String typed(String ddl, Dialect dialect) {
        return TYPE.matcher(ddl).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(dialect.type(m.group())));
    }

    private static final java.util.regex.Pattern TYPE = java.util.regex.Pattern.compile("\\b(TEXT|INTEGER|REAL)\\b");

    private static void addMissingColumns(Statement statement, Dialect dialect) throws SQLException {
        java.util.Set<String> present = dialect.columns(statement, "episodes");
        for (String[] column : ADDED_EPISODE_COLUMNS) {
            if (!present.contains(column[0])) {
                statement.execute("ALTER TABLE episodes ADD COLUMN " + column[0] + " " + dialect.type(column[1]));
            }
        }
    }

    private static OptionalInt version(Statement statement) throws SQLException {
        try (ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            int version = rows.next() ? rows.getInt(1) : 0;
            return rows.wasNull() || version == 0 ? OptionalInt.empty() : OptionalInt.of(version);
        }
    }
}
