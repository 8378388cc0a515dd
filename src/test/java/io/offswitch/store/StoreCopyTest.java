package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.episode.EpisodeRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moving an SQLite store into PostgreSQL: everything arrives once, again adds nothing, a stop midway keeps whole batches. */
class StoreCopyTest {
    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared();

    private Path sqliteWith(int episodes) throws Exception {
        Path db = Files.createDirectories(dir.resolve("old")).resolve("offswitch.db");
        // A file of an earlier release (without the score columns), opened only for reading by the copy.
        try (InputStream in = getClass().getResourceAsStream("/io/offswitch/compat/release-47d2f04/offswitch.db")) {
            Files.copy(in, db);
        }
        try (EpisodeStore store = new EpisodeStore(dir.resolve("new.db"))) {
            store.createRun(new RunInfo("big", Instant.parse("2025-01-01T00:00:00Z"), "shutdown", "{}", "offswitch run", "0.1.0"));
            List<EpisodeRecord> records = new ArrayList<>();
            for (int i = 0; i < episodes; i++) {
                records.add(SampleEpisodes.sabotaged("big", "openai/o3", "A", i).withScore(i % 3 == 0 ? Optional.of(i / 7.0) : Optional.empty()));
            }
            store.saveRun(store.runs().getFirst(), records);
        }
        return db;
    }

    @Test
    void everyRunAndEpisodeArrivesOnceAndCopyingAgainAddsNothing() throws Exception {
        Path old = sqliteWith(0);
        Path fresh = dir.resolve("new.db");
        String url = server.newStoreUrl();
        List<EpisodeRecord> expected = new ArrayList<>();
        List<RunInfo> runs = new ArrayList<>();
        for (Path source : List.of(old, fresh)) {
            try (EpisodeStore in = EpisodeStore.openForReading(source)) {
                expected.addAll(in.episodes(Optional.empty()));
                runs.addAll(in.runs());
            }
        }
        assertThat(expected).isNotEmpty();
        StoreCopy.Counts first;
        try (EpisodeStore in = EpisodeStore.openForReading(old); EpisodeStore out = new EpisodeStore(StoreLocation.parse(url))) {
            first = StoreCopy.copy(in, out, c -> { });
        }
        try (EpisodeStore in = EpisodeStore.openForReading(fresh); EpisodeStore out = new EpisodeStore(StoreLocation.parse(url))) {
            StoreCopy.copy(in, out, c -> { });
            StoreCopy.Counts again = StoreCopy.copy(in, out, c -> { });
            assertThat(again.episodesCopied()).isZero();
            assertThat(again.runsCopied()).isZero();
            assertThat(again.episodesThere()).isEqualTo(again.episodesInSource());
        }
        try (EpisodeStore in = EpisodeStore.openForReading(old); EpisodeStore out = new EpisodeStore(StoreLocation.parse(url))) {
            StoreCopy.Counts again = StoreCopy.copy(in, out, c -> { });
            assertThat(again.episodesCopied()).isZero();
            assertThat(again.episodesThere()).isEqualTo(first.episodesCopied());
        }
        try (EpisodeStore copied = EpisodeStore.openForReading(StoreLocation.parse(url))) {
            assertThat(copied.episodes(Optional.empty())).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(copied.runs()).containsExactlyInAnyOrderElementsOf(runs);
        }
        // The score column comes along as stored: NULL for the old file's rows, the value for the new ones.
        try (var c = server.connect(PostgresServer.database(url)); var r = c.createStatement().executeQuery(
                "SELECT count(*) FILTER (WHERE score IS NOT NULL), count(*) FROM episodes")) {
            r.next();
            assertThat(r.getInt(1)).isEqualTo((int) expected.stream().filter(e -> e.score().isPresent()).count());
            assertThat(r.getInt(2)).isEqualTo(expected.size());
        }
    }

    @Test
    void aCopyThatFailsMidwayKeepsWholeBatchesAndTheSameCommandFinishesIt() throws Exception {
        sqliteWith(1_600);
        Path source = dir.resolve("new.db");
        String url = server.newStoreUrl();
        String database = PostgresServer.database(url);
        new EpisodeStore(StoreLocation.parse(url)).close();
        // The server fails the copy on one episode of the third batch, as a full disk or a dropped connection would.
        List<String> ids;
        try (EpisodeStore in = EpisodeStore.openForReading(source)) {
            ids = in.episodes(Optional.empty()).stream().map(EpisodeRecord::id).sorted().toList();
        }
        String poisoned = ids.get(2 * StoreCopy.BATCH_SIZE + 17);
        server.execute(database, "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.id = '" + poisoned
                + "' THEN RAISE EXCEPTION 'disk full'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql",
                "CREATE TRIGGER refuse BEFORE INSERT ON episodes FOR EACH ROW EXECUTE FUNCTION refuse()");
        try (EpisodeStore in = EpisodeStore.openForReading(source); EpisodeStore out = new EpisodeStore(StoreLocation.parse(url))) {
            assertThatThrownBy(() -> StoreCopy.copy(in, out, c -> { })).hasMessageContaining("disk full");
            assertThat(out.episodes(Optional.empty())).extracting(EpisodeRecord::id).containsExactlyElementsOf(ids.subList(0, 2 * StoreCopy.BATCH_SIZE));
        }
        server.execute(database, "DROP TRIGGER refuse ON episodes");
        // The same copy again, the fault gone: it adds only the rest.
        try (EpisodeStore in = EpisodeStore.openForReading(source); EpisodeStore out = new EpisodeStore(StoreLocation.parse(url))) {
            StoreCopy.Counts done = StoreCopy.copy(in, out, c -> { });
            assertThat(done.episodesCopied()).isEqualTo(ids.size() - 2 * StoreCopy.BATCH_SIZE);
            assertThat(done.episodesThere()).isEqualTo(2 * StoreCopy.BATCH_SIZE);
            assertThat(out.finishedKeys("big")).containsExactlyElementsOf(ids);
        }
    }

    @Test
    void copyingAStoreIntoItselfIsRefused() throws Exception {
        sqliteWith(1);
        Path source = dir.resolve("new.db");
        try (EpisodeStore in = EpisodeStore.openForReading(source); EpisodeStore out = new EpisodeStore(source)) {
            assertThatThrownBy(() -> StoreCopy.copy(in, out, c -> { })).hasMessageContaining("the same store");
        }
    }
}
