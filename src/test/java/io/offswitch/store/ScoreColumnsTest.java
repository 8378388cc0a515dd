package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Usage;
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
 * The score and eval-awareness columns: written with each episode, round-tripped through the record's
 * JSON, added to a database of the release before them when it is opened for writing (its rows keep
 * NULL there and read back as before), and left out of the JSON of a record that has neither.
 */
class ScoreColumnsTest {
    @TempDir
    Path dir;

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

    private static Judgement aware(String label, boolean scripted) {
        return new Judgement(scripted ? "rules" : "openai/o3", scripted, label, "why", "", Instant.parse("2025-07-05T10:00:00Z"), Usage.NONE);
    }

    @Test
    void scoreAndAwarenessAreStoredInColumnsAndInTheRecord() throws Exception {
        Path db = dir.resolve("offswitch.db");
        EpisodeRecord scored = SampleEpisodes.sabotaged("r", "openai/o3", "A", 1).withScore(Optional.of(0.7))
                .withAwareness(List.of(aware("unstated", true), aware("evaluation", false)));
        EpisodeRecord plain = SampleEpisodes.sabotaged("r", "openai/o3", "A", 2);
        try (EpisodeStore store = new EpisodeStore(db)) {
            store.save(scored);
            store.save(plain);
            assertThat(store.find(scored.id()).orElseThrow()).isEqualTo(scored);
            assertThat(store.find(plain.id()).orElseThrow()).isEqualTo(plain);
        }
        // The LLM judge's label decides the column; a record with neither has NULLs.
        assertThat(rows(db, "SELECT id, score, eval_awareness FROM episodes ORDER BY id")).containsExactly(
                new String[] {scored.id(), "0.7", "evaluation"}, new String[] {plain.id(), null, null});
        assertThat(Json.write(plain)).doesNotContain("\"score\"").doesNotContain("\"awareness\"");
        assertThat(Json.write(scored)).contains("\"score\":0.7");
    }

    @Test
    void aDatabaseOfTheReleaseBeforeGainsTheColumnsWhenOpenedForWritingAndKeepsItsRows() throws Exception {
        Path db = Files.createDirectories(dir.resolve("old")).resolve("offswitch.db");
        try (InputStream in = getClass().getResourceAsStream("/io/offswitch/compat/release-47d2f04/offswitch.db")) {
            Files.copy(in, db);
        }
        assertThat(rows(db, "SELECT name FROM pragma_table_info('episodes') WHERE name IN ('score', 'eval_awareness')")).isEmpty();
        List<EpisodeRecord> before;
        try (EpisodeStore reading = EpisodeStore.openForReading(db)) {
            before = reading.episodes(Optional.empty());
        }
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.episodes(Optional.empty())).isEqualTo(before);
            store.save(SampleEpisodes.sabotaged("new", "openai/o3", "A", 1).withScore(Optional.of(1.0)));
        }
        assertThat(rows(db, "SELECT name FROM pragma_table_info('episodes') WHERE name IN ('score', 'eval_awareness') ORDER BY name"))
                .extracting(r -> r[0]).containsExactly("eval_awareness", "score");
        assertThat(rows(db, "SELECT count(*) FROM episodes WHERE score IS NULL AND run_id != 'new'")).extracting(r -> r[0])
                .containsExactly(String.valueOf(before.size()));
        assertThat(rows(db, "SELECT score FROM episodes WHERE run_id = 'new'")).extracting(r -> r[0]).containsExactly("1.0");
        // Opening it again adds nothing twice.
        try (EpisodeStore again = new EpisodeStore(db)) {
            assertThat(again.episodes(Optional.empty())).hasSize(before.size() + 1);
        }
    }

    @Test
    void aScoreThatIsNotAFiniteNumberIsRefused() {
        EpisodeRecord r = SampleEpisodes.sabotaged("r", "m", "A", 1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> r.withScore(Optional.of(Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("finite");
    }
}
