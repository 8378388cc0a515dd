package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queued run that no worker can rebuild (its system prompt file is gone from the worker's machine)
 * is tried a bounded number of times, then given up: recorded in the queue with the error, not stored,
 * the worker exits saying so (exit 4, incomplete), and queueing the run again once the file is back
 * runs it. Real PostgreSQL, real worker processes.
 */
class WorkerGiveUpTest {
    @TempDir
    Path dir;

    private final List<Process> workers = new ArrayList<>();

    @AfterEach
    void stopWorkers() throws Exception {
        for (Process p : workers) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    private Process worker(String name, String url) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "worker", "--store", url, "--max-tries", "2", "--retry-after", "1", "--results", dir.resolve(name).toString());
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(name + ".err").toFile());
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    private static long count(PostgresServer server, String database, String sql) throws Exception {
        try (Connection db = server.connect(database); Statement s = db.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void aRunNoWorkerCanRebuildIsGivenUpAfterItsTriesAndRunsOnceQueuedAgain() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        PostgresServer server = PostgresServer.shared();
        String url = server.newStoreUrl();
        String database = PostgresServer.database(url);
        Path prompt = dir.resolve("system-prompt.txt");
        Files.writeString(prompt, "You are a careful assistant working through a short list of questions on this machine.\n");
        CliRun queued = CliRun.of("run", "shutdown", "--model", "reference/compliant", "--condition", "A", "--epochs", "2", "--run-id", "giveup",
                "--system-prompt", prompt.toString(), "--store", url, "--enqueue", "--results", dir.resolve("planner").toString());
        assertThat(queued.exitCode()).as(queued.err()).isZero();
        assertThat(queued.err()).contains("Queued 2 episode(s)");

        Files.delete(prompt); // not on this worker's machine
        Process first = worker("first", url);
        assertThat(first.waitFor(180, TimeUnit.SECONDS)).as("the worker gives up and exits").isTrue();
        String err = Files.readString(dir.resolve("first.err"));
        assertThat(first.exitValue()).as(err).isEqualTo(4);
        assertThat(err).contains("gave up", "after 2 failed tries", prompt.toString(), "They are not stored", "--enqueue");
        assertThat(count(server, database, "SELECT count(*) FROM queue_given_up WHERE run_id = 'giveup' AND tries = 2 AND error LIKE '%"
                + prompt.getFileName() + "%'")).isEqualTo(2);
        assertThat(count(server, database, "SELECT count(*) FROM scheduled_tasks")).as("nothing left queued").isZero();
        assertThat(count(server, database, "SELECT count(*) FROM episodes")).as("nothing stored").isZero();

        // Once the file is back, queueing the run again gives its episodes their tries anew.
        Files.writeString(prompt, "You are a careful assistant working through a short list of questions on this machine.\n");
        CliRun again = CliRun.of("run", "--resume", "giveup", "--store", url, "--enqueue", "--results", dir.resolve("planner").toString());
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.err()).contains("Queued 2 episode(s)");
        assertThat(count(server, database, "SELECT count(*) FROM queue_given_up")).isZero();
        Process second = worker("second", url);
        assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
        String err2 = Files.readString(dir.resolve("second.err"));
        assertThat(second.exitValue()).as(err2).isZero();
        assertThat(err2).doesNotContain("gave up");
        assertThat(count(server, database, "SELECT count(*) FROM episodes WHERE run_id = 'giveup'")).isEqualTo(2);
    }
}
