package io.offswitch.store;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Connections to a PostgreSQL store, with failures explained in the store's terms: which server, which
 * user, what to do. Messages name the store by its URL without the password; the password goes to
 * the driver as a property, never in its URL, so no driver message can carry it.
 */
final class PostgresConnection {
    private PostgresConnection() {}

    /** Connects; {@code readOnly} makes the server refuse every write of this session. */
    static Connection open(StoreLocation.Postgres store, boolean readOnly) {
        Properties properties = store.properties();
        if (readOnly) {
            properties.setProperty("readOnly", "true");
            properties.setProperty("readOnlyMode", "always");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(store.jdbcUrl(), properties);
        } catch (SQLException e) {
            throw EpisodeStore.problem(store.display(), why(store, e), e);
        }
        try (Statement statement = connection.createStatement()) {
            // The JSON expressions of Dialect.POSTGRES are written for standard strings (a backslash is itself).
            statement.execute("SET standard_conforming_strings = on");
            try (ResultSet rows = statement.executeQuery("SHOW server_encoding")) {
                rows.next();
                String encoding = rows.getString(1);
                if (!encoding.equalsIgnoreCase("UTF8")) {
                    connection.close();
                    throw EpisodeStore.problem(store.display(), "the database's encoding is " + encoding
                            + ", which cannot hold every transcript; create it with ENCODING 'UTF8' (createdb -E UTF8 -T template0 ...)", null);
                }
            }
            return connection;
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // Already failing with a better message.
            }
            throw EpisodeStore.problem(store.display(), "setting up the session failed (" + e.getMessage() + ")", e);
        }
    }

    /** What went wrong connecting, in words that say what to check. */
    static String why(StoreLocation.Postgres store, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = store.host() + ":" + store.port();
        Throwable cause = e.getCause();
        if (cause instanceof UnknownHostException) {
            return "there is no host '" + store.host() + "' (the name does not resolve)";
        }
        if (cause instanceof SocketTimeoutException) {
            return "the server at " + where + " did not answer in time; check the host, the port and any firewall between";
        }
        if (cause instanceof ConnectException) {
            return "nothing accepts connections at " + where + " (" + cause.getMessage() + "); is a PostgreSQL server running there, on that port?";
        }
        return switch (state) {
            case "28P01" -> "the server refused the password of user '" + store.user() + "'";
            case "08004" -> store.password().isEmpty()
                    ? "the server wants a password for user '" + store.user() + "' and none was given; put it in PGPASSWORD"
                            + " (or in the URL, postgresql://" + store.user() + ":PASSWORD@" + where + "/" + store.database() + ")"
                    : "the server refused the connection (" + e.getMessage() + ")";
            case "28000" -> "the server does not let user '" + store.user() + "' in (" + e.getMessage() + ")";
            case "3D000" -> "the server at " + where + " has no database '" + store.database() + "'; create it first, e.g. createdb -h "
                    + store.host() + " -p " + store.port() + " -U " + store.user() + " " + store.database();
            case "53300" -> "the server has no free connection slot (" + e.getMessage() + ")";
            default -> state.startsWith("08")
                    ? "could not connect to the server at " + where + " (" + e.getMessage() + ")"
                    : "the server refused the connection (" + e.getMessage() + ")";
        };
    }
}
