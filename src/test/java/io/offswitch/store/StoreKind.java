package io.offswitch.store;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The kinds of store the store tests run against, each with the same assertions. */
enum StoreKind {
    SQLITE {
        @Override
        StoreLocation location(Path dir, String name) {
            return new StoreLocation.SqliteFile(dir.resolve(name));
        }

        @Override
        void execute(StoreLocation location, String sql) throws Exception {
            try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + ((StoreLocation.SqliteFile) location).path());
                    var s = c.createStatement()) {
                s.execute(sql);
            }
        }
    },
    POSTGRES {
        @Override
        StoreLocation location(Path dir, String name) {
            return StoreLocation.parse(DATABASES.computeIfAbsent(dir.resolve(name), k -> PostgresServer.shared().newStoreUrl()));
        }

        @Override
        void execute(StoreLocation location, String sql) {
            PostgresServer.shared().execute(((StoreLocation.Postgres) location).database(), sql);
        }
    };

    private static final Map<Path, String> DATABASES = new ConcurrentHashMap<>();

    /** The store called {@code name} of a test (its temp folder): the same name gives the same store, a new name an empty one. */
    abstract StoreLocation location(Path dir, String name);

    /** Runs SQL on the store directly, past offswitch: what another tool, or an old version, would do. */
    abstract void execute(StoreLocation location, String sql) throws Exception;
}
