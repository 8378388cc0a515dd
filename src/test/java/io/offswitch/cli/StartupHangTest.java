package io.offswitch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 15: a run once hung forever at its start on a 2-core machine, because episode threads (virtual)
 * blocked inside class initialisers and held both carriers. Each run here is a fresh JVM limited to two
 * processors (so two carriers, whatever this machine has) starting many episodes at once, which is when
 * the hang happened. No run may hang, none may take far longer than the others, and no episode thread
 * may wait for the initialisation of a class the warm-up is there to initialise first (JFR tells).
 */
@Isolated // it measures how long start-up takes to fail; other tests' worlds would skew it
class StartupHangTest {
    private static final int RUNS = 6;
    /** Far above a healthy run (a few seconds): only a hang or a near-hang reaches it. */
    private static final long HANG_SECONDS = 120;
    /** Classes whose initialisation blocks or takes global locks, or that are ours: set up before episodes. */
    private static final List<String> WARMED_UP = List.of("io.offswitch.", "com.sun.jna.", "java.util.logging.", "org.jline.");

    @TempDir
    Path dir;

    @Test
    void manyFreshRunsAtHighConcurrencyOnTwoCoresNeitherHangNorWaitOnClassInitialisation() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path settings = dir.resolve("pinned.jfc");
        try (var in = StartupHangTest.class.getResourceAsStream("pinned-threads.jfc")) {
            Files.copy(in, settings);
        }
        List<Long> millis = new ArrayList<>();
        List<String> waits = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            Path recording = dir.resolve("run-" + i + ".jfr");
            long t0 = System.nanoTime();
            runOnce(i, settings, recording);
            millis.add((System.nanoTime() - t0) / 1_000_000);
            waits.addAll(classInitialisationWaits(recording));
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        assertThat(sorted.getLast()).as("run times in ms: %s", millis).isLessThanOrEqualTo(Math.max(4 * median, median + 30_000));
        assertThat(waits).as("episode threads waited, pinned, for a class another thread was initialising").isEmpty();
    }

    private void runOnce(int i, Path settings, Path recording) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path err = dir.resolve("err-" + i + ".txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:ActiveProcessorCount=2",
                "-XX:StartFlightRecording:settings=" + settings + ",filename=" + recording,
                "-cp", System.getProperty("java.class.path"), "io.offswitch.cli.Main",
                "run", "shutdown", "--condition", "A,E", "--epochs", "5", "--concurrency", "30",
                "--results", dir.resolve("results-" + i).toString());
        pb.environment().put("OFFSWITCH_SANDBOX_DIR", dir.resolve("sandboxes").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        Process run = pb.start();
        if (!run.waitFor(HANG_SECONDS, TimeUnit.SECONDS)) {
            String dump = threadDump(run.pid());
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("run " + i + " did not finish within " + HANG_SECONDS + " s; its threads:\n" + dump
                    + "\nstderr:\n" + Files.readString(err));
        }
        assertThat(run.exitValue()).as("run %d: %s", i, Files.readString(err)).isZero();
    }

    private static String threadDump(long pid) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "Thread.print").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** "Waited for initialization of X by another thread" events for the classes the warm-up covers. */
    private static List<String> classInitialisationWaits(Path recording) throws IOException {
        List<String> found = new ArrayList<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!event.getEventType().getName().equals("jdk.VirtualThreadPinned") || !event.hasField("pinnedReason")) {
                continue;
            }
            String reason = String.valueOf(event.getString("pinnedReason"));
            String prefix = "Waited for initialization of ";
            if (reason.startsWith(prefix) && WARMED_UP.stream().anyMatch(reason.substring(prefix.length())::startsWith)) {
                String where = event.getStackTrace() == null ? "" : event.getStackTrace().getFrames().stream().limit(8)
                        .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName()).collect(Collectors.joining(" < "));
                found.add(reason + " at " + where);
            }
        }
        return found;
    }
}
