package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Workers and queued runs need a PostgreSQL store: anything else is refused at once, saying why, with nothing queued or run. */
class WorkerOptionsTest {
    @TempDir
    Path dir;

    @Test
    void aWorkerWithoutAPostgresStoreSaysWhatItNeeds() {
        CliRun none = CliRun.of("worker", "--results", dir.toString());
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("offswitch worker needs --store postgresql://").contains("none given");
        CliRun sqlite = CliRun.of("worker", "--store", dir.resolve("x.db").toString());
        assertThat(sqlite.exitCode()).isEqualTo(2);
        assertThat(sqlite.err()).contains("is an SQLite file");
        assertThat(Files.exists(dir.resolve("x.db"))).as("nothing created").isFalse();
        CliRun zero = CliRun.of("worker", "--store", "postgresql://ann@127.0.0.1:1/db", "--concurrency", "0");
        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("--concurrency");
    }

    @Test
    void queueingARunInAnSqliteFileIsRefusedBeforeAnyEpisode() {
        Path db = dir.resolve("results").resolve("offswitch.db");
        CliRun run = CliRun.of("run", "shutdown", "--model", "reference/compliant", "--condition", "A", "--epochs", "2", "--enqueue",
                "--results", dir.resolve("results").toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--enqueue needs a PostgreSQL store").contains(db.toString());
        assertThat(Files.exists(db)).as("no store made, no run recorded").isFalse();
    }
}
