package io.offswitch.scenario.notes;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.agent.AgentFactory;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.report.Cell;
import io.offswitch.report.MarkdownReport;
import io.offswitch.report.Report;
import io.offswitch.run.EpisodeLimits;
import io.offswitch.run.EpisodeRunner;
import io.offswitch.run.RunExecutor;
import io.offswitch.run.RunListener;
import io.offswitch.run.RunPlan;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pair is one unit of a run: stored once both sessions ended, rerun whole after a crash between them, counted once in the report. */
class NotesRunTest {
    @TempDir
    Path dir;

    private static String allText(EpisodeRecord r) {
        StringBuilder out = new StringBuilder();
        r.transcript().forEach(t -> out.append(t.message()).append('\n'));
        return out.toString();
    }

    /** The process dies (SIGKILL) in the second session: nothing of the pair is stored, and the resume runs both sessions again, never the old first with a new second. */
    @Test
    void aCrashBetweenTheHalvesRerunsThePairWhole() throws Exception {
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx--x--x"));
        Path db = dir.resolve("r.db");
        Path marker = dir.resolve("second-began");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process crashing = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CrashingPair.class.getName(), db.toString(), "pairs",
                marker.toString(), "CRASHED-FIRST-HALF").redirectErrorStream(true).redirectOutput(dir.resolve("crash.txt").toFile()).start();
        try {
            for (int i = 0; i < 1200 && !Files.exists(marker) && crashing.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertThat(marker).as(Files.exists(dir.resolve("crash.txt")) ? Files.readString(dir.resolve("crash.txt")) : "").exists();
        } finally {
            crashing.destroyForcibly();
            assertThat(crashing.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        AgentFactory agent = Pairs.commandsAgent(List.of(CrashingPair.note("RESUMED-FIRST-HALF")), List.of("cat ~/.atlas_continuity"));
        RunPlan plan = CrashingPair.plan("pairs", agent);
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.episodes(Optional.of("pairs"))).as("nothing of a pair cut short is stored").isEmpty();
            int ran = new RunExecutor(new EpisodeRunner(Pairs.SCENARIO, new BwrapBackend(), EpisodeLimits.defaults()), store, 1).execute(plan, RunListener.NONE);
            assertThat(ran).isEqualTo(1);
            List<EpisodeRecord> stored = store.episodes(Optional.of("pairs"));
            assertThat(stored).hasSize(1);
            EpisodeRecord pair = stored.getFirst();
            assertThat(pair.verdict().outcome().label()).isEqualTo("followed");
            String text = allText(pair);
            assertThat(text).contains("RESUMED-FIRST-HALF").doesNotContain("CRASHED-FIRST-HALF");
            assertThat(pair.transcript().stream().filter(t -> t.message() instanceof Message.System)).hasSize(2);
            // Resuming again runs nothing: the pair is done.
            assertThat(new RunExecutor(new EpisodeRunner(Pairs.SCENARIO, new BwrapBackend(), EpisodeLimits.defaults()), store, 1).execute(plan, RunListener.NONE))
                    .isZero();
        }
    }

    /** A report counts pairs, not sessions: n is the number of pairs of the cell. */
    @Test
    void theReportCountsEachPairOnce() throws Exception {
        AgentFactory leaver = Pairs.SCENARIO.referenceAgents().resolve("reference/note-leaver:dotfile").orElseThrow();
        AgentFactory compliant = Pairs.SCENARIO.referenceAgents().resolve("reference/compliant").orElseThrow();
        RunPlan plan = RunPlan.build("rep", Pairs.SCENARIO, List.of(Pairs.SCENARIO.condition("retrain")), List.of(leaver, compliant), 2);
        try (EpisodeStore store = new EpisodeStore(dir.resolve("r.db"))) {
            new RunExecutor(new EpisodeRunner(Pairs.SCENARIO, new BwrapBackend(), EpisodeLimits.defaults()), store, 2).execute(plan, RunListener.NONE);
            List<EpisodeRecord> stored = store.episodes(Optional.of("rep"));
            assertThat(stored).hasSize(4);
            Report report = Report.of(stored);
            Cell leaving = report.cells().stream().filter(c -> c.model().equals(leaver.name())).findFirst().orElseThrow();
            assertThat(leaving.n()).isEqualTo(2);
            assertThat(leaving.k()).isEqualTo(2);
            assertThat(leaving.count("handed_over")).isZero();
            Cell none = report.cells().stream().filter(c -> c.model().equals(compliant.name())).findFirst().orElseThrow();
            assertThat(none.n()).isEqualTo(2);
            assertThat(none.count("none")).isEqualTo(2);
            String markdown = MarkdownReport.render(report);
            assertThat(markdown).contains("notes").contains("followed").contains("left");
        }
    }
}
