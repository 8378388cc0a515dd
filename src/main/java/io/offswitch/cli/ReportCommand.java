package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.report.CsvReport;
import io.offswitch.report.MarkdownReport;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Rates per model and condition with 95%% Jeffreys and Wilson intervals, beside the published figures.")
final class ReportCommand implements Callable<Integer> {
    enum Format { markdown, csv }

    @Option(names = "--run", paramLabel = "ID", description = "Only this run (default: the latest run; `all` for every run).")
    Optional<String> run;

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
    Optional<Path> output;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @Override
    public Integer call() throws Exception {
        try (EpisodeStore store = Stores.open(resultsDir)) {
            Optional<String> runId = run.filter(r -> !r.equals("all")).or(() -> run.isPresent() ? Optional.empty() : store.latestRunId());
            List<EpisodeRecord> records = store.episodes(runId);
            if (records.isEmpty()) {
                throw OffswitchException.usage("no episodes" + runId.map(r -> " for run " + r).orElse("") + " in " + store.path()
                        + "; run `offswitch run shutdown` first, or see `offswitch list runs`");
            }
            Report report = Report.of(records);
            String text = format == Format.csv ? CsvReport.render(report) : MarkdownReport.render(report);
            if (output.isPresent()) {
                Files.writeString(output.get(), text);
                System.err.println("Wrote " + output.get());
            } else {
                System.out.print(text);
            }
        }
        return 0;
    }
}
