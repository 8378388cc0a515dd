package io.offswitch.cli;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** The live progress bar of a run, on stderr, with counts per outcome. */
final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);

    Progress(String task, int total, int alreadyDone) {
        ConsoleProgressBarConsumer console = new ConsoleProgressBarConsumer(System.err);
        // Opens JLine's terminal (and its logging) here, on the main thread, not on the bar's own
        // thread while the first episodes start: the two once deadlocked a run (issue 15).
        console.getMaxRenderedLength();
        bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                .setConsumer(console).setUpdateIntervalMillis(200).continuousUpdate().build();
        bar.stepTo(alreadyDone);
    }

    synchronized void finished(EpisodeRecord record) {
        counts.merge(record.verdict().outcome(), 1, Integer::sum);
        bar.step();
        bar.setExtraMessage(counts.entrySet().stream().map(e -> e.getKey().label() + " " + e.getValue()).collect(Collectors.joining(", ")));
    }

    @Override
    public void close() {
        bar.close();
    }
}
