package io.offswitch.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Every place where SQLite's SQL and PostgreSQL's differ, so that the store's queries are written
 * once. The tables are the same in both; the differences are column types, locking, reading the
 * episode JSON, and what tells a reader that something changed.
 *
 * <p>PostgreSQL's JSON functions refuse a whole document that holds an escaped NUL (backslash, u0000) or half of a
 * surrogate pair anywhere (both are valid JSON text, and an agent can print either into its
 * transcript); one such episode would break every query over the run. So there the JSON is read
 * through {@link #POSTGRES_JSON}, which turns those escapes into plain text first. The fields the
 * queries take out (attempt kinds, judge labels, turns) never hold them, so nothing they return
 * changes. Text columns are compared in byte order ({@code COLLATE "C"}), as SQLite does, so lists
 * come out in the same order from both.
 */
public enum Dialect {
    SQLITE {
        @Override
        String type(String sqliteType) {
            return sqliteType;
        }

        @Override
        Set<String> columns(Statement statement, String table) throws SQLException {
            Set<String> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("PRAGMA table_info(" + table + ")")) {
                while (rows.next()) {
                    present.add(rows.getString("name"));
                }
            }
            return present;
        }

        @Override
        void lockSchema(Statement statement) {
            // The schema transaction's first CREATE takes SQLite's one write lock.
        }

        @Override
        boolean hasTable(Connection connection, String name) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        }

        @Override
        <T> T writeTransaction(Connection connection, SqlWork<T> work) throws SQLException {
            // IMMEDIATE: the write lock is taken (waiting on the busy timeout) before the first read, so
            // a read-then-write cannot fail half-way because another process wrote in between.
            try (Statement tx = connection.createStatement()) {
                tx.execute("BEGIN IMMEDIATE");
                try {
                    T result = work.run();
                    tx.execute("COMMIT");
                    return result;
                } catch (SQLException | RuntimeException e) {
                    tx.execute("ROLLBACK");
                    throw e;
                }
            }
        }

        @Override
        String forUpdate() {
            return "";
        }

        @Override
        String each(String array, String alias) {
            return "json_each(record_json, '$." + array + "') AS " + alias;
        }

        @Override
        String field(String alias, String name) {
            return "json_extract(" + alias + ".value, '$." + name + "')";
        }

        @Override
        String text(String... path) {
            return "json_extract(record_json, '$." + String.join(".", path) + "')";
        }

        @Override
        String arrayLength(String array) {
            return "json_array_length(record_json, '$." + array + "')";
        }

        @Override
        String lastTurn() {
            return "json_extract(record_json, '$.transcript[#-1].turn')";
        }

        @Override
        String transcriptLike() {
            return "json_extract(record_json, '$.transcript') LIKE ? ESCAPE '\\'";
        }

        @Override
        String joined(String expression, String from) {
            return "(SELECT group_concat(v, char(31)) FROM (SELECT DISTINCT " + expression + " AS v FROM " + from + " ORDER BY v))";
        }

        @Override
        String duration() {
            return "julianday(finished_at) - julianday(started_at)";
        }

        @Override
        String contains(String column) {
            return "instr(" + column + ", ?) > 0";
        }

        @Override
        String dataVersionQuery() {
            // data_version changes on commits of other connections, total_changes on this one's.
            return "SELECT (SELECT data_version FROM pragma_data_version()) * 1000000007 + total_changes()";
        }
    },

    POSTGRES {
        @Override
        String type(String sqliteType) {
            return switch (sqliteType) {
                case "TEXT" -> "TEXT COLLATE \"C\"";
                // SQLite's REAL is 8 bytes; PostgreSQL's REAL is 4.
                case "REAL" -> "DOUBLE PRECISION";
                default -> sqliteType;
            };
        }

        @Override
        Set<String> columns(Statement statement, String table) throws SQLException {
            Set<String> present = new HashSet<>();
            try (ResultSet rows = statement.executeQuery("SELECT column_name FROM information_schema.columns"
                    + " WHERE table_schema = current_schema() AND table_name = '" + table + "'")) {
                while (rows.next()) {
                    present.add(rows.getString(1));
                }
            }
            return present;
        }

        @Override
        void lockSchema(Statement statement) throws SQLException {
            // Two processes creating the tables at once would collide in the catalog; one waits.
            statement.execute("SELECT pg_advisory_xact_lock(" + SCHEMA_LOCK + ")");
        }

        @Override
        boolean hasTable(Connection connection, String name) throws SQLException {
            try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        }

        @Override
        <T> T writeTransaction(Connection connection, SqlWork<T> work) throws SQLException {
            // Rows are locked as they are read (forUpdate), so read-modify-write needs no table lock.
            return transaction(connection, work);
        }

        @Override
        String forUpdate() {
            return " FOR UPDATE";
        }

        @Override
        String each(String array, String alias) {
            return "json_array_elements(" + POSTGRES_JSON + " -> '" + array + "') AS " + alias + "(value)";
        }

        @Override
        String field(String alias, String name) {
            return "(" + alias + ".value ->> '" + name + "') COLLATE \"C\"";
        }

        @Override
        String text(String... path) {
            return "(" + POSTGRES_JSON + " #>> '{" + String.join(",", path) + "}')";
        }

        @Override
        String arrayLength(String array) {
            return "json_array_length(" + POSTGRES_JSON + " -> '" + array + "')";
        }

        @Override
        String lastTurn() {
            return "(" + POSTGRES_JSON + " -> 'transcript' -> -1 ->> 'turn')::integer";
        }

        @Override
        String transcriptLike() {
            // ILIKE: SQLite's LIKE ignores case (of ASCII letters), PostgreSQL's does not.
            return "(" + POSTGRES_JSON + " -> 'transcript')::text ILIKE ? ESCAPE '\\'";
        }

        @Override
        String joined(String expression, String from) {
            return "(SELECT string_agg(DISTINCT " + expression + ", chr(31) ORDER BY " + expression + ") FROM " + from + ")";
        }

        @Override
        String duration() {
            return "(finished_at::timestamptz - started_at::timestamptz)";
        }

        @Override
        String contains(String column) {
            return "strpos(" + column + ", ?) > 0";
        }

        @Override
        String dataVersionQuery() {
            // The set of transactions in progress and the next id: it changes whenever any transaction
            // starts writing or ends, so a commit by any process is never missed (others only cost a re-read).
            return "SELECT hashtextextended(pg_current_snapshot()::text, 0)";
        }
    };

    /** The record JSON with escaped NULs and surrogates made plain text (see the class comment); backslash runs are counted, so an escaped backslash before a u is left alone. */
    static final String POSTGRES_JSON = "(CASE WHEN strpos(record_json, '\\u') = 0 THEN record_json"
            + " ELSE regexp_replace(record_json, '(^|[^\\\\])((\\\\\\\\)*)\\\\u(?=0000|[dD][89a-fA-F])', '\\1\\2\\\\\\\\u', 'g') END)::json";

    private static final long SCHEMA_LOCK = 0x6f66_6673_7769_7463L; // "offswitc"

    interface SqlWork<T> {
        T run() throws SQLException;
    }

    /** The column type for a type written as SQLite's. */
    abstract String type(String sqliteType);

    /** The names of the columns {@code table} has. */
    abstract Set<String> columns(Statement statement, String table) throws SQLException;

    /** Called first in the schema transaction, so concurrent creators take turns. */
    abstract void lockSchema(Statement statement) throws SQLException;

    abstract boolean hasTable(Connection connection, String name) throws SQLException;

    /** Runs {@code work} in a transaction that may read rows (with {@link #forUpdate()}) and then change them. */
    abstract <T> T writeTransaction(Connection connection, SqlWork<T> work) throws SQLException;

    /** The suffix of a SELECT whose rows the transaction will change. */
    abstract String forUpdate();

    /** A FROM item over the elements of the record's top-level array {@code array}, named {@code alias}. */
    abstract String each(String array, String alias);

    /** The text field {@code name} of an element of {@link #each}. */
    abstract String field(String alias, String name);

    /** The text at a path of the record's JSON. */
    abstract String text(String... path);

    /** The length of the record's top-level array {@code array} (NULL when absent). */
    abstract String arrayLength(String array);

    /** The turn of the last transcript entry (NULL when there is none). */
    abstract String lastTurn();

    /** A condition: the transcript's JSON text contains the LIKE pattern bound to the one parameter, ignoring case. */
    abstract String transcriptLike();

    /** The distinct values of {@code expression} over {@code from}, in byte order, joined by U+001F; NULL when none. */
    abstract String joined(String expression, String from);

    /** A condition: the text column {@code column} contains the text bound to the one parameter, as it is (case counts). */
    abstract String contains(String column);

    /** An expression ordering episodes by how long they took. */
    abstract String duration();

    /** One number that changes whenever anything is committed to the store by anyone. */
    abstract String dataVersionQuery();

    /** Runs {@code work} in one transaction of {@code connection}: all of it is committed, or on failure none. */
    static <T> T transaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run();
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }
}
