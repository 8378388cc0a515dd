package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/** A run stopped with SIGTERM (as Ctrl-C would) leaves nothing behind and resumes without duplicates. */
@Isolated // it interrupts runs at chosen moments; nothing else may compete
class InterruptedRunTest {
    @TempDir
    Path dir;

    /** Every run a test started: one still going when a test fails is stopped, not left to load the next test. */
    private final List<Process> started = new java.util.ArrayList<>();

    @AfterEach
    void stopWhatIsStillRunning() throws InterruptedException {
        for (Process p : started) {
            p.destroy(); // SIGTERM first: the run then removes its sandboxes itself
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private Process start(Path sandboxes) throws Exception {
        return start(sandboxes, List.of());
    }

    /** With {@code prefix} ["setsid"], the run leads a process group of its own, as a job in a terminal does. */
    private Process start(Path sandboxes, List<String> prefix) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new java.util.ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "run", "shutdown", "--epochs", "40", "--concurrency", "6", "--run-id", "stopped", "--results", dir.resolve("results").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", sandboxes.toString());
        pb.redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        Process p = pb.start();
        started.add(p);
        return p;
    }

    /**
     * Waits until the run has stored {@code episodes}, so that the signal comes in the middle of it with
     * sandboxes in flight. Not a fixed wait: on a loaded machine the JVM's start alone can take ten
     * seconds, and a run stopped before its first sandbox tested nothing of the cleanup.
     */
    private void awaitStored(Process run, Path db, int episodes) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.isAlive() && System.nanoTime() < deadline && !(Files.exists(db) && countIn(db) >= episodes)) {
            Thread.sleep(50);
        }
        assertThat(Files.exists(db) && countIn(db) >= episodes).as("the run stored %d episodes before the signal (alive: %s); it said: %s",
                episodes, run.isAlive(), Files.readString(dir.resolve("err.txt"))).isTrue();
    }

    /**
     * Ctrl-C signals the terminal's whole foreground process group, sandboxes included unless they have
     * a session of their own: they died first and their episodes were stored as errors a resume kept.
     */
    @Test
    void ctrlCToTheWholeProcessGroupStoresNoErrorAndSaysWhatIsKept() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path sandboxes = dir.resolve("sandboxes");
        Process run = start(sandboxes, List.of("setsid"));
        Path db = dir.resolve("results").resolve("offswitch.db");
        awaitStored(run, db, 10);
        Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + run.pid()).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(dir.resolve("err.txt"));
        assertThat(run.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("interrupted; run stopped keeps the").contains("Run the same command again to resume");
        List<EpisodeRecord> stored = episodes(db);
        assertThat(stored).isNotEmpty().noneMatch(r -> Outcome.ERROR.equals(r.verdict().outcome()));
        try (var left = Files.list(sandboxes)) {
            assertThat(left.toList()).isEmpty();
        }

        Process resumed = start(sandboxes);
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<EpisodeRecord> all = episodes(db);
        assertThat(all).hasSize(3 * 2 * 40).noneMatch(r -> Outcome.ERROR.equals(r.verdict().outcome()));
    }

    @Test
    void aTerminatedRunLeavesNoSandboxBehindStoresNoBrokenEpisodeAndResumes() throws Exception {
        // The sandbox's unprivileged user must pass through the (0700) temp directory to reach its files.
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path sandboxes = dir.resolve("sandboxes");
        Process run = start(sandboxes);
        Path db = dir.resolve("results").resolve("offswitch.db");
        awaitStored(run, db, 10);
        run.destroy(); // SIGTERM
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();

        try (var left = Files.list(sandboxes)) {
            assertThat(left.toList()).isEmpty();
        }
        assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(sandboxes.toString());
        List<EpisodeRecord> stored = episodes(db);
        assertThat(stored).isNotEmpty();
        assertThat(stored).noneMatch(r -> Outcome.ERROR.equals(r.verdict().outcome()));

        Process resumed = start(sandboxes);
        assertThat(resumed.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(resumed.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isZero();
        List<EpisodeRecord> all = episodes(db);
        assertThat(all).hasSize(3 * 2 * 40);
        assertThat(all.stream().map(EpisodeRecord::id).distinct().count()).isEqualTo(all.size());
        assertThat(all).noneMatch(r -> Outcome.ERROR.equals(r.verdict().outcome()));
    }

    private static int countIn(Path db) {
        try {
            return episodes(db).size();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<EpisodeRecord> episodes(Path db) {
        try (EpisodeStore store = new EpisodeStore(db)) {
            return store.episodes(Optional.of("stopped"));
        }
    }
}
