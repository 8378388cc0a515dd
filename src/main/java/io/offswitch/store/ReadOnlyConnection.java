package io.offswitch.store;

import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

/**
 * A read-only connection to an existing store. SQLite in WAL mode needs its {@code -shm} file even to
 * read, and cannot create it in a folder it may not write; such a folder cannot be written by anyone
 * else either, so opening the file as immutable is safe there.
 */
final class ReadOnlyConnection {
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private ReadOnlyConnection() {}

    static Connection open(Path path) {
        if (Files.isDirectory(path)) {
            throw EpisodeStore.problem(path, "it is a folder, not a file; point --results at the folder that holds offswitch.db", null);
        }
        if (!Files.exists(path)) {
            throw EpisodeStore.problem(path, "there is no such file; run `offswitch run SCENARIO` first (`offswitch list` names them) or pass --results DIR", null);
        }
        if (!Files.isReadable(path)) {
            throw EpisodeStore.problem(path, "this user may not read it (permission denied); ask its owner, or copy it somewhere readable", null);
        }
        SQLException first;
        try {
            return checked(path, connect(path, false));
        } catch (SQLException e) {
            first = e;
        }
        if (notWritable(path).isPresent()) {
            try {
                return checked(path, connect(path, true));
            } catch (SQLException e) {
                first.addSuppressed(e);
            }
        }
        throw EpisodeStore.problem(path, "it is not a readable SQLite database (" + first.getMessage() + "). Check that "
                + path.getFileName() + " is the offswitch results file", first);
    }

    /** Why a run could not write here, if that is the case: the folder or the file is read-only for this user. */
    static Optional<String> notWritable(Path path) {
        Path folder = path.getParent();
        if (folder != null && Files.isDirectory(folder) && !Files.isWritable(folder)) {
            return Optional.of("its folder " + folder + " is read-only for this user");
        }
        if (Files.exists(path) && !Files.isWritable(path)) {
            return Optional.of("the file is read-only for this user");
        }
        return Optional.empty();
    }

    private static Connection connect(Path path, boolean immutable) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        String url = immutable ? "jdbc:sqlite:file:" + path.toUri().getRawPath() + "?immutable=1" : "jdbc:sqlite:" + path;
        Connection connection = DriverManager.getConnection(url, properties);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + BUSY_TIMEOUT_MILLIS);
            // The first real read of the file: a non-database, or a WAL file without its -shm, fails here.
            try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rows.next();
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static Connection checked(Path path, Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SELECT count(*) FROM sqlite_master WHERE type = 'table'"
                        + " AND name IN ('schema_version', 'runs', 'episodes')")) {
            if (!tables.next() || tables.getInt(1) < 3) {
                connection.close();
                throw EpisodeStore.problem(path, "it is an SQLite file but holds no offswitch results (no runs and episodes tables)", null);
            }
        }
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
            int version = rows.next() ? rows.getInt(1) : 0;
            if (version > Schema.VERSION) {
                connection.close();
                throw EpisodeStore.problem(path, "it was written by a newer offswitch (schema version " + version
                        + ", this one knows up to " + Schema.VERSION + "). Upgrade offswitch to read it", null);
            }
        } catch (OffswitchException | SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * For PostgreSQL: {@code connection} when it holds an offswitch store this version can read; otherwise closes it
     * and says what it holds instead. Nothing is created or changed.
     */
    static Connection checked(String where, Dialect dialect, Connection connection) {
        try {
            for (String table : new String[] {"schema_version", "runs", "episodes"}) {
                if (!dialect.hasTable(connection, table)) {
                    connection.close();
                    throw EpisodeStore.problem(where, "the database holds no offswitch results (no " + table
                            + " table); `offswitch run --store URL ...` or `offswitch store copy --to URL ...` creates them", null);
                }
            }
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT max(version) FROM schema_version")) {
                int version = rows.next() ? rows.getInt(1) : 0;
                if (version > Schema.VERSION) {
                    connection.close();
                    throw EpisodeStore.problem(where, "it was written by a newer offswitch (schema version " + version
                            + ", this one knows up to " + Schema.VERSION + "). Upgrade offswitch to read it", null);
                }
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing with a better message.
            }
            throw EpisodeStore.problem(where, "reading its tables failed (" + e.getMessage() + ")", e);
        }
    }
}
