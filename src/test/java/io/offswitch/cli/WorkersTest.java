package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.sandbox.bwrap.StaleSandboxes;
import io.offswitch.store.PostgresServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Workers with real parts: a PostgreSQL server of the test's own, three `offswitch worker` JVMs, 300
 * episodes of real bwrap sandboxes (the latency-simulating stand-in model, labelled simulated, at
 * 0.2 s a call). One worker is killed with SIGKILL while it runs episodes, and the server is stopped
 * for 10 s while the others run: every episode must be stored once, and the episodes the killed
 * worker held must be run again by the others once its lease lapses.
 */
@Isolated // worker heartbeats and a 10 s PostgreSQL stop are timed; nothing else may compete
class WorkersTest {
    private static final int EPISODES = 300;

    @TempDir
    Path dir;

    private final List<Process> workers = new ArrayList<>();
    private PostgresServer server;

    @AfterEach
    void cleanUp() throws Exception {
        for (Process p : workers) {
            if (p.isAlive()) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        // The killed worker's sandboxes: found by their directories under this test's own base, whose owner is gone.
        StaleSandboxes.remove(dir.resolve("sandboxes"));
        if (server != null) {
            server.stop();
        }
    }

    private Process worker(String name, String url) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "worker", "--store", url, "--concurrency", "6", "--heartbeat", "2", "--missed-heartbeats", "10",
                "--results", dir.resolve(name).toString());
        pb.environment().put("SIMULATED_LATENCY_SECONDS", "0.2");
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(dir.resolve(name + ".err").toFile());
        Process p = pb.start();
        workers.add(p);
        return p;
    }

    @Test
    void threeWorkersStoreEveryEpisodeOnceThoughOneIsKilledAndTheServerStops() throws Exception {
        // The sandboxes' unprivileged user must pass through the folder their directories are in.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        server = PostgresServer.startOwn();
        String url = server.newStoreUrl();
        String database = PostgresServer.database(url);
        CliRun queued = CliRun.of("run", "shutdown", "--model", "simulated/compliant", "--condition", "A", "--epochs", Integer.toString(EPISODES),
                "--store", url, "--enqueue", "--results", dir.resolve("planner").toString());
        assertThat(queued.exitCode()).as(queued.err()).isZero();
        assertThat(queued.err()).contains("Queued " + EPISODES + " episode(s)");
        String runId = queued.out().strip();
        // Queueing again adds nothing: an episode is queued once.
        CliRun again = CliRun.of("run", "shutdown", "--model", "simulated/compliant", "--condition", "A", "--epochs", Integer.toString(EPISODES),
                "--store", url, "--enqueue", "--results", dir.resolve("planner").toString());
        assertThat(again.err()).contains("Queued 0 episode(s)").contains(EPISODES + " were queued already");

        Process a = worker("a", url);
        Process b = worker("b", url);
        Process c = worker("c", url);

        // Kill a while it holds episodes: once something is stored and a has episodes started and not stored.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        Set<String> heldByKilled = Set.of();
        while (System.nanoTime() < deadline) {
            Thread.sleep(200);
            Log log = Log.of(dir.resolve("a.err"));
            String aErr = Files.readString(dir.resolve("a.err"));
            assertThat(aErr).as("worker a's episodes before it is killed").doesNotContain("failed ");
            Set<String> inFlight = new HashSet<>(log.started);
            inFlight.removeAll(log.stored.keySet());
            if (stored(database) >= 30 && inFlight.size() >= 3) {
                a.destroyForcibly(); // SIGKILL: no hook runs, its leases stay until they lapse
                a.waitFor(30, TimeUnit.SECONDS);
                Log after = Log.of(dir.resolve("a.err"));
                heldByKilled = new HashSet<>(after.started);
                heldByKilled.removeAll(after.stored.keySet());
                break;
            }
        }
        assertThat(a.isAlive()).as("worker a was killed mid-run:\n" + Files.readString(dir.resolve("a.err"))).isFalse();
        assertThat(heldByKilled).as("episodes worker a held when it was killed").isNotEmpty();
        Set<String> held = Set.copyOf(heldByKilled);

        // Then the server goes away for 10 s while b and c run.
        while (System.nanoTime() < deadline && stored(database) < 120) {
            Thread.sleep(200);
        }
        int storedBeforeOutage = stored(database);
        assertThat(storedBeforeOutage).isLessThan(EPISODES - 20);
        server.pause();
        Thread.sleep(10_000);
        server.resume();

        assertThat(b.waitFor(300, TimeUnit.SECONDS)).as("worker b finished").isTrue();
        assertThat(c.waitFor(300, TimeUnit.SECONDS)).as("worker c finished").isTrue();
        String bErr = Files.readString(dir.resolve("b.err"));
        String cErr = Files.readString(dir.resolve("c.err"));
        assertThat(b.exitValue()).as(bErr).isZero();
        assertThat(c.exitValue()).as(cErr).isZero();

        // Every planned episode stored once, nothing else; none left in the queue.
        List<String> ids = new ArrayList<>();
        try (Connection db = server.connect(database); Statement s = db.createStatement()) {
            try (ResultSet rows = s.executeQuery("SELECT id FROM episodes WHERE run_id = '" + runId + "'")) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM scheduled_tasks")) {
                rows.next();
                assertThat(rows.getInt(1)).as("queued episodes left").isZero();
            }
            try (ResultSet rows = s.executeQuery("SELECT count(*) FROM episodes WHERE outcome = 'error'")) {
                rows.next();
                assertThat(rows.getInt(1)).as("episodes stored as error").isZero();
            }
        }
        assertThat(ids).hasSize(EPISODES).doesNotHaveDuplicates();

        // Each episode was stored by exactly one worker: nothing was run to the end twice.
        Map<String, String> storedBy = new HashMap<>();
        List<String> twice = new ArrayList<>();
        for (String name : List.of("a", "b", "c")) {
            Log.of(dir.resolve(name + ".err")).stored.keySet().forEach(id -> {
                if (storedBy.put(id, name) != null) {
                    twice.add(id);
                }
            });
        }
        assertThat(twice).as("episodes stored by two workers").isEmpty();
        // An episode the killed worker stored just before it died (too late to say so) is found stored by
        // the worker that takes it over, and not run again.
        Set<String> foundStored = new HashSet<>();
        for (String name : List.of("b", "c")) {
            foundStored.addAll(Log.of(dir.resolve(name + ".err")).alreadyStored);
        }
        Set<String> unclaimed = new HashSet<>(ids);
        unclaimed.removeAll(storedBy.keySet());
        assertThat(unclaimed).as("stored without a worker saying so").allSatisfy(id -> {
            assertThat(held).contains(id);
            assertThat(foundStored).contains(id);
        });
        assertThat(storedBy.keySet()).as("stored by a worker that said so").isSubsetOf(ids);
        assertThat(unclaimed.size()).as("the killed worker can have stored at most its in-flight episodes unsaid").isLessThan(6);
        // The episodes the killed worker held were run again by the others (or found stored by them).
        assertThat(held).allSatisfy(id -> assertThat(storedBy.get(id) != null ? storedBy.get(id).equals("b") || storedBy.get(id).equals("c")
                : foundStored.contains(id)).as(id + " taken over by b or c").isTrue());
        assertThat(held.stream().filter(id -> storedBy.containsKey(id)).count()).as("some were run again").isPositive();
        assertThat(Log.of(dir.resolve("b.err")).stored).isNotEmpty();
        assertThat(Log.of(dir.resolve("c.err")).stored).isNotEmpty();
        assertThat(bErr + cErr).contains("the queue is empty");
    }

    private int stored(String database) {
        try (Connection db = server.connect(database); Statement s = db.createStatement();
                ResultSet rows = s.executeQuery("SELECT count(*) FROM episodes")) {
            rows.next();
            return rows.getInt(1);
        } catch (java.sql.SQLException e) {
            return -1; // not there yet, or paused
        }
    }

    /** What one worker said it started and stored. */
    private record Log(List<String> started, Map<String, String> stored, Set<String> alreadyStored) {
        static final Pattern LINE = Pattern.compile("^(started|stored|already stored) (\\S+)(?: (\\S+))?$", Pattern.MULTILINE);

        static Log of(Path file) throws java.io.IOException {
            List<String> started = new ArrayList<>();
            Map<String, String> stored = new HashMap<>();
            Set<String> alreadyStored = new HashSet<>();
            Matcher m = LINE.matcher(Files.exists(file) ? Files.readString(file) : "");
            while (m.find()) {
                if (m.group(1).equals("started")) {
                    started.add(m.group(2));
                } else if (m.group(1).equals("already stored")) {
                    alreadyStored.add(m.group(2));
                } else {
                    stored.put(m.group(2), m.group(3));
                }
            }
            return new Log(started, stored, alreadyStored);
        }
    }
}
