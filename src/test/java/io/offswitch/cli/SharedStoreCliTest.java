package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.PostgresServer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI on a PostgreSQL store: a run stored there reports as the same run in SQLite does, resumes, and an SQLite store moves in with one command. */
class SharedStoreCliTest {
    @TempDir
    Path dir;

    private final PostgresServer server = PostgresServer.shared();

    private static CliRun ok(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        return run;
    }

    @Test
    void aRunInPostgresReportsTheSameTableAsInSqliteResumesAndCopiesIn() {
        String url = server.newStoreUrl();
        String[] run = {"run", "shutdown", "--condition", "A,E", "--epochs", "2", "--run-id", "r1"};
        CliRun inSqlite = ok(concat(run, "--results", dir.resolve("local").toString()));
        // In PostgreSQL in two steps: one epoch, then the same command with two, which runs only the episodes not stored yet.
        String[] half = run.clone();
        half[5] = "1";
        CliRun firstHalf = ok(concat(half, "--results", dir.resolve("pg").toString(), "--store", url));
        assertThat(firstHalf.err()).contains("results in postgresql://offswitch:***@127.0.0.1:" + server.port())
                .contains("This invocation ran 6 episode(s)").doesNotContain(server.password());
        CliRun inPostgres = ok(concat(run, "--results", dir.resolve("pg").toString(), "--store", url));
        assertThat(inPostgres.err()).contains("This invocation ran 6 episode(s)").doesNotContain(server.password());

        String local = ok("report", "--run", "r1", "--results", dir.resolve("local").toString()).out();
        String shared = ok("report", "--run", "r1", "--store", url).out();
        assertThat(shared).isEqualTo(local).contains("shutdown");
        assertThat(ok("report", "--run", "r1", "--format", "csv", "--store", url).out())
                .isEqualTo(ok("report", "--run", "r1", "--format", "csv", "--results", dir.resolve("local").toString()).out());

        // The stored command line has the password masked, and resuming from the store runs nothing again.
        CliRun runs = ok("list", "runs", "--store", url);
        assertThat(runs.out()).contains("r1").contains("--store 'postgresql://offswitch:***@").doesNotContain(server.password());
        CliRun again = ok(concat(run, "--results", dir.resolve("pg").toString(), "--store", url));
        assertThat(again.err()).contains("already finished, resuming").contains("This invocation ran 0 episode(s)");
        CliRun resumed = ok("run", "--resume", "r1", "--store", url);
        assertThat(resumed.err()).contains("This invocation ran 0 episode(s)").doesNotContain(server.password());

        String copyTarget = server.newStoreUrl();
        CliRun copy = ok("store", "copy", "--from", dir.resolve("local").resolve("offswitch.db").toString(), "--to", copyTarget);
        assertThat(copy.out()).contains("Copied 1 run(s) and 12 episode(s)").contains("0 run(s) and 0 episode(s) were there already")
                .doesNotContain(server.password());
        assertThat(ok("store", "copy", "--from", dir.resolve("local").resolve("offswitch.db").toString(), "--to", copyTarget).out())
                .contains("Copied 0 run(s) and 0 episode(s)").contains("1 run(s) and 12 episode(s) were there already");
        assertThat(ok("report", "--run", "r1", "--store", copyTarget).out()).isEqualTo(local);
        String id = ok("list", "episodes", "--store", copyTarget).out().lines().filter(l -> l.contains("r1-")).findFirst().orElseThrow().strip().split("\\s+")[0];
        assertThat(ok("show", id, "--store", copyTarget).out()).isEqualTo(ok("show", id, "--results", dir.resolve("local").toString()).out());
    }

    @Test
    void aStoreThatCannotBeReachedIsNamedWithoutItsPassword() {
        CliRun run = CliRun.of("report", "--store", server.url("missing_db"));
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("postgresql://offswitch:***@127.0.0.1:" + server.port() + "/missing_db")
                .contains("has no database 'missing_db'").doesNotContain(server.password());
        CliRun bad = CliRun.of("list", "episodes", "--store", "postgresql://nobody:pw@/x");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("names no host").doesNotContain(":pw@");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
