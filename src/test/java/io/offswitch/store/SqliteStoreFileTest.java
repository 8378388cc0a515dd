package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only an SQLite store has: a file, its journal mode, and what else may be at its path. */
class SqliteStoreFileTest {
    @TempDir
    Path dir;

    @Test
    void theFileIsInWriteAheadLogModeSoReadersDoNotBlockTheRun() throws Exception {
        Path file = dir.resolve("x.db");
        new EpisodeStore(file).close();

        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
                var rows = connection.createStatement().executeQuery("PRAGMA journal_mode")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void aFileThatIsNotADatabaseGivesAnErrorNamingIt() throws Exception {
        Path file = dir.resolve("notes.db");
        Files.writeString(file, "these are my notes, not a database, and they are long enough to matter\n".repeat(20));

        assertThatThrownBy(() -> new EpisodeStore(file))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a readable SQLite database");
        assertThat(Files.readString(file)).startsWith("these are my notes");
    }

    @Test
    void aFolderAtThePathGivesAnErrorNamingIt() {
        assertThatThrownBy(() -> new EpisodeStore(dir))
                .isInstanceOf(OffswitchException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("folder");
    }
}
