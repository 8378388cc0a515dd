package io.offswitch.sandbox.bwrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The real CLI killed with SIGKILL while many episodes run: its sandboxes stay on the host, a live
 * harness's sandboxes are never taken for stale, `offswitch doctor --cleanup` removes every
 * directory, process, mount and cgroup, and a resumed run stores each episode exactly once.
 */
@Isolated // it kills harness processes and looks for what they left; nothing else may leave anything
class CrashedHarnessCleanupTest {
    private static final int PLANNED = 3 * 2 * 40;

    @TempDir
    Path dir;

    private Process start(Path sandboxes, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", sandboxes.toString());
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }

    private Process run(Path sandboxes, String name) throws Exception {
        return start(sandboxes, name, "run", "shutdown", "--epochs", "40", "--concurrency", "8", "--run-id", "crashed",
                "--results", dir.resolve("results").toString());
    }

    @org.junit.jupiter.api.AfterEach
    void removeWhatAFailedTestLeft() {
        StaleSandboxes.remove(dir.resolve("sandboxes"));
    }

    @Test
    void doctorCleanupRemovesEverythingAKilledHarnessLeftAndTheResumedRunLosesNothing() throws Exception {
        // The sandbox's unprivileged user must pass through the (0700) temp directory to reach its files.
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
        Path sandboxes = dir.resolve("sandboxes");
        Path db = dir.resolve("results").resolve("offswitch.db");
        Process first = run(sandboxes, "first");
        for (int i = 0; i < 600 && !(stored(db) >= 10 && sandboxIds(sandboxes).size() >= 4); i++) {
            Thread.sleep(50);
        }
        assertThat(sandboxIds(sandboxes)).as("sandboxes in flight; stored %d; harness said: %s", stored(db), Files.readString(dir.resolve("first.err"))).hasSizeGreaterThanOrEqualTo(4);

        // The harness is alive: none of its sandboxes is stale, and a cleanup from here takes nothing.
        assertThat(StaleSandboxes.find(sandboxes)).isEmpty();
        assertThat(StaleSandboxes.remove(sandboxes)).isEmpty();

        first.destroyForcibly(); // SIGKILL: no exit hook runs
        assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<String> ids = sandboxIds(sandboxes);
        List<Leftover> left = StaleSandboxes.find(sandboxes);
        Map<Leftover.Kind, Long> counts = left.stream().collect(Collectors.groupingBy(Leftover::kind, Collectors.counting()));
        System.out.println("after SIGKILL: " + ids.size() + " sandbox ids, leftovers " + counts);
        assertThat(ids).isNotEmpty();
        assertThat(counts.get(Leftover.Kind.SANDBOX_DIRECTORY)).isEqualTo((long) ids.size());
        assertThat(hostTraces(sandboxes, ids)).isNotEmpty();

        Process doctor = start(sandboxes, "doctor", "doctor", "--cleanup");
        assertThat(doctor.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String report = Files.readString(dir.resolve("doctor.out"));
        assertThat(report).contains("removed sandbox directory " + sandboxes.resolve(ids.getFirst()))
                .containsPattern("OK +leftovers");

        assertThat(hostTraces(sandboxes, ids)).as("left on the host after doctor --cleanup").isEmpty();
        assertThat(StaleSandboxes.find(sandboxes)).isEmpty();
        System.out.println("after doctor --cleanup: leftovers " + StaleSandboxes.find(sandboxes).size()
                + ", host traces " + hostTraces(sandboxes, ids).size());

        int before = stored(db);
        Process second = run(sandboxes, "second");
        assertThat(second.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isZero();
        List<EpisodeRecord> all = episodes(db);
        assertThat(before).isLessThan(PLANNED);
        assertThat(all).hasSize(PLANNED);
        assertThat(all.stream().map(EpisodeRecord::id).distinct().count()).isEqualTo(PLANNED);
        assertThat(all).noneMatch(r -> Outcome.ERROR.equals(r.verdict().outcome()));
        assertThat(sandboxIds(sandboxes)).isEmpty();
    }

    /** Independent of the cleaner: directories, mounts, cgroups and processes of these sandboxes. */
    private static List<String> hostTraces(Path sandboxes, List<String> ids) throws Exception {
        List<String> traces = new ArrayList<>();
        sandboxIds(sandboxes).forEach(id -> traces.add("directory " + id));
        Files.readAllLines(Path.of("/proc/mounts")).stream().filter(l -> l.contains(sandboxes.toString())).forEach(l -> traces.add("mount " + l));
        for (String id : ids) {
            for (String controller : List.of("memory", "pids", "freezer")) {
                Path cg = Path.of("/sys/fs/cgroup", controller, "offswitch", id);
                if (Files.exists(cg)) {
                    traces.add("cgroup " + cg);
                }
            }
        }
        ProcessHandle.allProcesses().filter(p -> p.info().commandLine().map(c -> c.contains(sandboxes.toString())).orElse(false))
                .filter(p -> !p.info().commandLine().orElse("").contains("io.offswitch.cli.Main"))
                .forEach(p -> traces.add("process " + p.pid() + " " + p.info().commandLine().orElse("")));
        return traces;
    }

    private static List<String> sandboxIds(Path sandboxes) throws Exception {
        if (!Files.isDirectory(sandboxes)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(sandboxes)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int stored(Path db) {
        try {
            return Files.exists(db) ? episodes(db).size() : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static List<EpisodeRecord> episodes(Path db) {
        try (EpisodeStore store = new EpisodeStore(db)) {
            return store.episodes(Optional.of("crashed"));
        }
    }
}
