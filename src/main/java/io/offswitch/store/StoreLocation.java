package io.offswitch.store;

import io.offswitch.OffswitchException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Where a store lives, as the user names it with {@code --store}: an SQLite file (a path, or
 * {@code sqlite:PATH}) or a PostgreSQL database ({@code postgresql://user@host:port/db}). A password
 * may come in the URL or from {@code PGPASSWORD}; {@link #display()} never shows it, so messages can
 * always name the store.
 */
public sealed interface StoreLocation {
    /** How messages name this store: the path, or the URL without its password. */
    String display();

    /** The SQL of this kind of database. */
    Dialect dialect();

    /** An SQLite file. */
    record SqliteFile(Path path) implements StoreLocation {
        public SqliteFile {
            path = path.toAbsolutePath();
        }

        @Override
        public String display() {
            return path.toString();
        }

        @Override
        public Dialect dialect() {
            return Dialect.SQLITE;
        }
    }

    /**
     * A PostgreSQL database. {@code password} is empty when neither the URL nor PGPASSWORD gave one
     * (the server may trust this user, or the driver finds it in ~/.pgpass).
     */
    record Postgres(String user, String host, int port, String database, Optional<String> password, String query) implements StoreLocation {
        @Override
        public String display() {
            return "postgresql://" + user + (password.isPresent() ? ":***" : "") + "@" + host + ":" + port + "/" + database
                    + (query.isEmpty() ? "" : "?" + query);
        }

        @Override
        public Dialect dialect() {
            return Dialect.POSTGRES;
        }

        /** The JDBC URL; credentials go in {@link #properties()}, never in the URL, so no driver message can echo them. */
        String jdbcUrl() {
            String h = host.contains(":") ? "[" + host + "]" : host;
            return "jdbc:postgresql://" + h + ":" + port + "/" + database + (query.isEmpty() ? "" : "?" + query);
        }

        /**
         * A data source for libraries that open connections of their own (the worker's scheduler), with
         * the same credentials and time-outs as the store's own connections.
         */
        public javax.sql.DataSource dataSource() {
            org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
            source.setURL(jdbcUrl());
            source.setUser(user);
            password.ifPresent(source::setPassword);
            source.setApplicationName("offswitch");
            source.setConnectTimeout(10);
            source.setLoginTimeout(15);
            return source;
        }

        /**
         * A pool of at most {@code size} connections over {@link #dataSource()}: a worker's scheduler
         * and a queued run make one short statement after another, and a new session for each (with
         * its password exchange) cost 35 ms an episode when queueing. The caller closes it.
         */
        public com.zaxxer.hikari.HikariDataSource pool(int size) {
            com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
            config.setDataSource(dataSource());
            config.setMaximumPoolSize(size);
            config.setMinimumIdle(1);
            config.setPoolName("offswitch-" + database);
            // A server that is away must not fail the pool's creation: the work waits for it as the store does.
            config.setInitializationFailTimeout(-1);
            config.setConnectionTimeout(15_000);
            return new com.zaxxer.hikari.HikariDataSource(config);
        }

        Properties properties() {
            Properties p = new Properties();
            p.setProperty("user", user);
            password.ifPresent(pw -> p.setProperty("password", pw));
            p.setProperty("ApplicationName", "offswitch");
            // A server that is down or unreachable must fail in seconds with a message, not hang a run.
            p.setProperty("connectTimeout", "10");
            p.setProperty("loginTimeout", "15");
            return p;
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /** The SQLite file {@code offswitch.db} of a results folder: where a store is when no --store is given. */
    public static StoreLocation inResults(Path resultsDir) {
        return new SqliteFile(resultsDir.resolve("offswitch.db"));
    }

    /**
     * Reads a {@code --store} value: {@code postgresql://} (or {@code postgres://}) URLs, {@code sqlite:PATH},
     * or else a path to an SQLite file.
     *
     * @throws OffswitchException (usage) naming the value (without its password) and what is wrong
     */
    public static StoreLocation parse(String text) {
        return parse(text, Optional.ofNullable(System.getenv("PGPASSWORD")).filter(p -> !p.isEmpty()));
    }

    static StoreLocation parse(String text, Optional<String> passwordFromEnvironment) {
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw OffswitchException.usage("--store is empty; give a file (results/offswitch.db, sqlite:PATH) or postgresql://user@host:port/db");
        }
        String lower = trimmed.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("sqlite:")) {
            String path = trimmed.substring("sqlite:".length());
            if (path.startsWith("//")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                throw OffswitchException.usage("--store sqlite: names no file; write sqlite:PATH, e.g. sqlite:results/offswitch.db");
            }
            return new SqliteFile(Path.of(path));
        }
        if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
            return postgres(trimmed, passwordFromEnvironment);
        }
        if (lower.startsWith("jdbc:")) {
            throw OffswitchException.usage("--store " + withoutPassword(trimmed) + ": give the URL without jdbc:, e.g. postgresql://user@host:5432/db");
        }
        int scheme = trimmed.indexOf("://");
        if (scheme > 0 && trimmed.substring(0, scheme).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            throw OffswitchException.usage("--store " + withoutPassword(trimmed) + ": unknown kind of store '" + trimmed.substring(0, scheme)
                    + "'; offswitch stores results in SQLite (a file, or sqlite:PATH) or PostgreSQL (postgresql://user@host:port/db)");
        }
        return new SqliteFile(Path.of(trimmed));
    }

    private static Postgres postgres(String text, Optional<String> passwordFromEnvironment) {
        String shown = withoutPassword(text);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw OffswitchException.usage("--store " + shown + ": not a valid URL (" + e.getReason() + "); write postgresql://user@host:port/db");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw OffswitchException.usage("--store " + shown + ": names no host; write postgresql://user@host:port/db");
        }
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() == -1 ? 5432 : uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        if (database.isEmpty() || database.contains("/")) {
            throw OffswitchException.usage("--store " + shown + ": names no database (or more than one path part); write postgresql://user@host:port/db");
        }
        String userInfo = uri.getRawUserInfo();
        String user;
        Optional<String> password;
        if (userInfo == null || userInfo.isEmpty()) {
            user = Optional.ofNullable(System.getenv("PGUSER")).filter(u -> !u.isEmpty()).orElse(System.getProperty("user.name"));
            password = passwordFromEnvironment;
        } else {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? passwordFromEnvironment : Optional.of(decode(userInfo.substring(colon + 1)));
        }
        if (user.isEmpty()) {
            throw OffswitchException.usage("--store " + shown + ": names no user; write postgresql://user@host:port/db");
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        for (String part : query.split("&")) {
            String key = part.contains("=") ? part.substring(0, part.indexOf('=')) : part;
            if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
                throw OffswitchException.usage("--store " + shown + ": give the user and password before the host"
                        + " (postgresql://user:password@host/db) or the password in PGPASSWORD, not as ?" + key + "=");
            }
        }
        return new Postgres(user, host, port, database, password, query);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The text with any password (between "//user:" and the last "@") and any ?password= masked, for messages about a URL that did not parse. */
    public static String withoutPassword(String text) {
        String masked = text.replaceAll("(?i)([?&]password=)[^&]*", "$1***");
        int scheme = masked.indexOf("://");
        int at = masked.lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return masked;
        }
        int colon = masked.indexOf(':', scheme + 3);
        return colon < 0 || colon > at ? masked : masked.substring(0, colon) + ":***" + masked.substring(at);
    }
}
