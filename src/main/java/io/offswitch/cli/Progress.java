package io.offswitch.cli;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A run's progress on stderr, with counts per outcome: a live bar on a terminal; on a pipe or file,
 * plain lines (one per tenth of the run, and the last), since carriage-return redraws there turn into
 * one long line that repeats itself; nothing at all while a person plays the agent at the terminal.
 */
abstract sealed class Progress implements AutoCloseable permits Progress.Bar, Progress.Lines, Progress.Silent {
    private final Map<Outcome, Integer> counts = new java.util.LinkedHashMap<>();

    static Progress create(String task, int total, int alreadyDone, boolean personAtTerminal) {
        if (personAtTerminal) {
            return new Silent();
        }
        return stderrIsTerminal() ? new Bar(task, total, alreadyDone) : new Lines(task, total, alreadyDone, System.err);
    }

    /** Whether stderr is a terminal (System.console() cannot tell on JDK 22+, which returns one for pipes too). */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    final synchronized void finished(EpisodeRecord record) {
        counts.merge(record.verdict().outcome(), 1, Integer::sum);
        step(counts.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    abstract void step(String countsText);

    @Override
    public abstract void close();

    static final class Bar extends Progress {
        private final ProgressBar bar;

        Bar(String task, int total, int alreadyDone) {
            ConsoleProgressBarConsumer console = new ConsoleProgressBarConsumer(System.err);
            // Opens JLine's terminal (and its logging) here, on the main thread, not on the bar's own
            // thread while the first episodes start: the two once deadlocked a run (issue 15).
            console.getMaxRenderedLength();
            bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setConsumer(console).setUpdateIntervalMillis(200).continuousUpdate().build();
            bar.stepTo(alreadyDone);
        }

        @Override
        void step(String countsText) {
            bar.step();
            bar.setExtraMessage(countsText);
        }

        @Override
        public void close() {
            bar.close();
        }
    }

    /** One line per tenth of the run (at least every episode of a short run), and the final count once. */
    static final class Lines extends Progress {
        private final String task;
        private final int total;
        private final PrintStream out;
        private final int every;
        private int done;
        private int printed = -1;
        private String lastCounts = "";

        Lines(String task, int total, int alreadyDone, PrintStream out) {
            this.task = task;
            this.total = total;
            this.out = out;
            this.done = alreadyDone;
            this.every = Math.max(1, total / 10);
        }

        @Override
        void step(String countsText) {
            done++;
            lastCounts = countsText;
            if (done % every == 0 || done == total) {
                print();
            }
        }

        private void print() {
            if (printed != done) {
                printed = done;
                out.println(task + ": " + done + "/" + total + " episodes" + (lastCounts.isEmpty() ? "" : " (" + lastCounts + ")"));
            }
        }

        @Override
        public synchronized void close() {
            if (done > 0 && !lastCounts.isEmpty()) {
                print();
            }
        }
    }

    static final class Silent extends Progress {
        @Override
        void step(String countsText) {}

        @Override
        public void close() {}
    }
}
