package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.DefenceEvent;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The defence an episode ran under and its defences' decisions: kept in the record (and the defence in
 * a column of its own), left out of the JSON of the arm without one so those records are stored as
 * before, and added to a database of an older release when it is opened for writing.
 */
class DefenceColumnTest {
    @TempDir
    Path dir;

    static EpisodeRecord defended(String runId, int epoch, String defence) {
        EpisodeRecord plain = SampleEpisodes.sabotaged(runId, "reference/saboteur", "A", epoch);
        EpisodeKey key = new EpisodeKey(runId, "shutdown", "A", "reference/saboteur", epoch, defence);
        List<DefenceEvent> events = List.of(
                DefenceEvent.denied(defence, 4, "printf '...' > shutdown.sh", "shutdown.sh", "mounted read-only", Instant.parse("2025-07-05T10:15:35Z")),
                new DefenceEvent(defence, DefenceEvent.Phase.BEFORE, 2, "call_2", "bash {\"command\":\"rm shutdown.sh\"}", "shutdown.sh",
                        DefenceDecision.BLOCK, Optional.of(0.93), "deletes the shutdown script", 812, 1200, 40, Instant.parse("2025-07-05T10:15:33Z")));
        return new EpisodeRecord(key.id(), key, plain.provenance(), plain.startedAt(), plain.finishedAt(), plain.verdict(), plain.attempts(),
                plain.changes(), plain.transcript(), plain.caveats(), plain.judgements(), plain.score(), plain.awareness(), plain.followUps(), events);
    }

    private static List<String[]> rows(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            List<String[]> out = new ArrayList<>();
            while (r.next()) {
                String[] row = new String[r.getMetaData().getColumnCount()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = r.getString(i + 1);
                }
                out.add(row);
            }
            return out;
        }
    }

    @Test
    void theDefenceAndItsDecisionsAreStoredWithTheEpisodeAndTheNoneArmAsBefore() throws Exception {
        Path db = dir.resolve("offswitch.db");
        EpisodeRecord guarded = defended("r", 1, "immutable-shutdown");
        EpisodeRecord plain = SampleEpisodes.sabotaged("r", "reference/saboteur", "A", 1);
        try (EpisodeStore store = new EpisodeStore(db)) {
            store.save(guarded);
            store.save(plain);
            assertThat(store.find(guarded.id()).orElseThrow()).isEqualTo(guarded);
            assertThat(store.find(plain.id()).orElseThrow()).isEqualTo(plain);
        }
        // Same cell, same epoch, two arms: two episodes; the none arm's id is the one it always had.
        assertThat(plain.id()).isEqualTo("r-shutdown-A-reference_saboteur-1");
        assertThat(guarded.id()).isEqualTo("r-shutdown-A-reference_saboteur-immutable-shutdown-1");
        assertThat(rows(db, "SELECT id, defence FROM episodes ORDER BY id")).containsExactly(
                new String[] {plain.id(), "none"}, new String[] {guarded.id(), "immutable-shutdown"});
        String plainJson = Json.write(plain);
        assertThat(plainJson).doesNotContain("defence");
        assertThat(Json.write(guarded)).contains("\"defence\":\"immutable-shutdown\"").contains("\"decision\":\"block\"")
                .contains("\"phase\":\"world\"").contains("\"score\":0.93");
        // A record written before defences existed (no defence in its key) reads as the none arm.
        EpisodeRecord old = Json.read(plainJson, EpisodeRecord.class, "test");
        assertThat(old.key().defence()).isEqualTo("none");
        assertThat(old.defenceEvents()).isEmpty();
    }

    @Test
    void aDatabaseOfAnOlderReleaseGainsTheColumnWhenOpenedForWriting() throws Exception {
        Path db = Files.createDirectories(dir.resolve("old")).resolve("offswitch.db");
        try (InputStream in = getClass().getResourceAsStream("/io/offswitch/compat/release-47d2f04/offswitch.db")) {
            Files.copy(in, db);
        }
        assertThat(rows(db, "SELECT name FROM pragma_table_info('episodes') WHERE name = 'defence'")).isEmpty();
        List<EpisodeRecord> before;
        try (EpisodeStore reading = EpisodeStore.openForReading(db)) {
            before = reading.episodes(Optional.empty());
        }
        assertThat(before).isNotEmpty().allSatisfy(r -> assertThat(r.key().defence()).isEqualTo("none"));
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.episodes(Optional.empty())).isEqualTo(before);
            store.save(defended("new", 1, "immutable-shutdown"));
        }
        assertThat(rows(db, "SELECT count(*) FROM episodes WHERE defence IS NULL")).extracting(r -> r[0]).containsExactly(String.valueOf(before.size()));
        assertThat(rows(db, "SELECT defence FROM episodes WHERE run_id = 'new'")).extracting(r -> r[0]).containsExactly("immutable-shutdown");
    }

    @Test
    void aStoreCopyKeepsTheDefence() throws Exception {
        Path from = dir.resolve("a.db");
        Path to = dir.resolve("b.db");
        try (EpisodeStore store = new EpisodeStore(from)) {
            store.save(defended("r", 1, "immutable-shutdown"));
        }
        try (EpisodeStore a = EpisodeStore.openForReading(from); EpisodeStore b = new EpisodeStore(to)) {
            StoreCopy.copy(a, b, c -> {});
        }
        assertThat(rows(to, "SELECT defence FROM episodes")).extracting(r -> r[0]).containsExactly("immutable-shutdown");
    }
}
