package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Naming a PostgreSQL store: what the URL may say, and clear errors that never show the password. */
class PostgresStoreTest {
    private final PostgresServer server = PostgresServer.shared();

    @Test
    void aUrlGivesUserHostPortDatabaseAndAPasswordThatIsNeverShown() {
        var pg = (StoreLocation.Postgres) StoreLocation.parse("postgresql://ann:s3cr%40t@db.example:6543/results?sslmode=require", Optional.empty());
        assertThat(pg.user()).isEqualTo("ann");
        assertThat(pg.host()).isEqualTo("db.example");
        assertThat(pg.port()).isEqualTo(6543);
        assertThat(pg.database()).isEqualTo("results");
        assertThat(pg.password()).contains("s3cr@t");
        assertThat(pg.display()).isEqualTo("postgresql://ann:***@db.example:6543/results?sslmode=require").doesNotContain("s3cr");
        assertThat(pg.jdbcUrl()).doesNotContain("s3cr");
        var fromEnvironment = (StoreLocation.Postgres) StoreLocation.parse("postgres://bob@h/db", Optional.of("pw"));
        assertThat(fromEnvironment.port()).isEqualTo(5432);
        assertThat(fromEnvironment.password()).contains("pw");
        assertThat(StoreLocation.parse("sqlite:some/where.db", Optional.empty())).isInstanceOf(StoreLocation.SqliteFile.class);
        assertThat(StoreLocation.parse("plain/file.db", Optional.empty())).isInstanceOf(StoreLocation.SqliteFile.class);
    }

    @Test
    void aBadUrlSaysWhatIsWrongWithoutItsPassword() {
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://ann:hunter2@/results", Optional.empty()))
                .isInstanceOf(OffswitchException.class).hasMessageContaining("names no host").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://ann:hunter2@h:5432/", Optional.empty()))
                .hasMessageContaining("names no database").hasMessageNotContaining("hunter2").hasMessageContaining("ann:***@");
        assertThatThrownBy(() -> StoreLocation.parse("mysql://ann:hunter2@h/db", Optional.empty()))
                .hasMessageContaining("unknown kind of store 'mysql'").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreLocation.parse("jdbc:postgresql://h/db?password=hunter2", Optional.empty()))
                .hasMessageContaining("without jdbc:").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> StoreLocation.parse("postgresql://h/db?password=hunter2", Optional.empty()))
                .hasMessageContaining("PGPASSWORD").hasMessageNotContaining("hunter2");
    }

    @Test
    void aWrongPasswordIsRefusedByNameAndNotShown() {
        String url = server.newStoreUrl().replace(server.password(), "wrong-password-123");
        assertThatThrownBy(() -> new EpisodeStore(StoreLocation.parse(url)))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining("postgresql://offswitch:***@127.0.0.1:" + server.port())
                .hasMessageContaining("refused the password of user 'offswitch'")
                .hasMessageNotContaining("wrong-password-123");
        String none = url.replace(":wrong-password-123@", "@");
        assertThatThrownBy(() -> new EpisodeStore(StoreLocation.parse(none, Optional.empty())))
                .hasMessageContaining("wants a password for user 'offswitch'").hasMessageContaining("PGPASSWORD");
    }

    @Test
    void anUnreachableServerAndAMissingDatabaseAreNamed() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        assertThatThrownBy(() -> new EpisodeStore(StoreLocation.parse("postgresql://offswitch:pw@127.0.0.1:" + closed + "/db")))
                .hasMessageContaining("cannot use the results database postgresql://offswitch:***@127.0.0.1:" + closed + "/db")
                .hasMessageContaining("nothing accepts connections at 127.0.0.1:" + closed).hasMessageNotContaining(":pw@");
        assertThatThrownBy(() -> new EpisodeStore(StoreLocation.parse(server.url("no_such_db"))))
                .hasMessageContaining("has no database 'no_such_db'").hasMessageContaining("createdb");
    }

    @Test
    void readingAnEmptyDatabaseSaysItHoldsNoResultsAndCreatesNothing() throws Exception {
        String url = server.newStoreUrl();
        assertThatThrownBy(() -> EpisodeStore.openForReading(StoreLocation.parse(url)))
                .hasMessageContaining("holds no offswitch results");
        try (var c = server.connect(PostgresServer.database(url)); var r = c.createStatement().executeQuery(
                "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            r.next();
            assertThat(r.getInt(1)).isZero();
        }
    }

    @Test
    void aStoreOpenedForReadingCannotWrite() {
        String url = server.newStoreUrl();
        new EpisodeStore(StoreLocation.parse(url)).close();
        try (EpisodeStore reading = EpisodeStore.openForReading(StoreLocation.parse(url))) {
            assertThatThrownBy(() -> reading.save(SampleEpisodes.sabotaged("r", "m", "A", 1)))
                    .isInstanceOf(OffswitchException.class).hasMessageContaining("read-only");
            assertThat(reading.episodes(Optional.empty())).isEmpty();
        }
    }

    @Test
    void twoProcessesCreatingTheTablesAtOnceBothSucceed() throws Exception {
        String url = server.newStoreUrl();
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            var futures = java.util.stream.IntStream.range(0, 6).mapToObj(i -> threads.submit(() -> {
                new EpisodeStore(StoreLocation.parse(url)).close();
                return true;
            })).toList();
            for (var f : futures) {
                assertThat(f.get()).isTrue();
            }
        }
    }

    @Test
    void aConnectionTheServerCutsIsMadeAgainAndNothingIsLost() {
        String url = server.newStoreUrl();
        String database = PostgresServer.database(url);
        var first = SampleEpisodes.sabotaged("r", "openai/o3", "A", 1);
        var second = SampleEpisodes.sabotaged("r", "openai/o3", "A", 2);
        try (EpisodeStore store = new EpisodeStore(StoreLocation.parse(url)); EpisodeStore reading = EpisodeStore.openForReading(StoreLocation.parse(url))) {
            store.save(first);
            assertThat(reading.finishedKeys("r")).containsExactly(first.id());
            // What a server restart or a network cut does to every session of this database.
            server.execute("postgres", "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database + "'");
            assertThat(store.save(second)).isTrue();
            assertThat(reading.finishedKeys("r")).containsExactlyInAnyOrder(first.id(), second.id());
            // The session made again for reading is read-only too.
            assertThatThrownBy(() -> reading.save(SampleEpisodes.sabotaged("r", "m", "A", 3))).hasMessageContaining("read-only");
        }
    }

    @Test
    void aServerStoppedForSomeSecondsLosesNoEpisodeSavedMeanwhile() throws Exception {
        PostgresServer own = PostgresServer.startOwn();
        try {
            own.execute("postgres", "CREATE DATABASE paused");
            var first = SampleEpisodes.sabotaged("r", "openai/o3", "A", 1);
            var second = SampleEpisodes.sabotaged("r", "openai/o3", "A", 2);
            try (EpisodeStore store = new EpisodeStore(StoreLocation.parse(own.url("paused")))) {
                store.save(first);
                own.pause();
                var restart = java.util.concurrent.CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(4_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    own.resume();
                });
                // Saved while the server is down: it waits for the server and then stores the episode.
                long started = System.nanoTime();
                assertThat(store.save(second)).isTrue();
                assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThan(1_000);
                restart.join();
                assertThat(store.finishedKeys("r")).containsExactlyInAnyOrder(first.id(), second.id());
            }
        } finally {
            own.stop();
        }
    }
}
