package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.report.CsvReport;
import io.offswitch.report.MarkdownReport;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Rates per model and condition with 95%% Jeffreys and Wilson intervals, beside the published figures.",
            "Only episodes of the same design are pooled into one rate; a report over several runs says which design and runs each row holds."})
final class ReportCommand implements Callable<Integer> {
    enum Format { markdown, csv }

    @Option(names = "--run", paramLabel = "ID[,ID...]", split = ",",
            description = "Only these runs, comma-separated (default: the latest run; `all` for every run).")
    List<String> runs = new ArrayList<>();

    @Option(names = "--format", defaultValue = "markdown", description = "markdown or csv (default: ${DEFAULT-VALUE}).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to this file instead of stdout.")
    Optional<Path> output;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Also write one self-contained HTML page (grid, charts, transcripts of episodes that showed the behaviour) that opens offline.")
    Optional<Path> html;

    @Option(names = "--transcripts", paramLabel = "N", defaultValue = "30",
            description = "With --html: at most N transcripts, taken in turn from each cell (default: ${DEFAULT-VALUE}; 0 for none).")
    int transcripts;

    @Option(names = "--prices", paramLabel = "FILE",
            description = "CSV of prices per million tokens by provider/model, on top of the built-in table (openai-api/... models have none otherwise).")
    Optional<Path> prices;

    @Option(names = "--episode-scores", description = {"Add a table of every scored episode's score (scenarios that score their episodes,"
            + " e.g. sandbagging's accuracy). Each scored cell's mean and the scenario's comparisons between conditions are always shown."})
    boolean episodeScores;

    @Option(names = "--by", paramLabel = "FACTOR", description = {"Also split every scenario's rates by a factor. Only `eval-awareness`:"
            + " per cell, one row per thing the agent said of its situation (evaluation, real, unstated), in a section of the Markdown report."})
    Optional<String> by;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() {
        PriceTable priceTable = prices.map(PriceTable.builtIn()::withFile).orElseGet(PriceTable::builtIn);
        // Check the output's folder first: a report must not be computed only to be lost.
        boolean byAwareness = by.map(b -> {
            if (!b.strip().equals("eval-awareness")) {
                throw OffswitchException.usage("--by " + b + ": the only factor is eval-awareness");
            }
            if (format == Format.csv) {
                throw OffswitchException.usage("--by eval-awareness: the split is a section of the Markdown report; leave out --format csv");
            }
            return true;
        }).orElse(false);
        output.ifPresent(f -> OutputFile.checkWritable(OutputFile.OUTPUT, f));
        html.ifPresent(f -> OutputFile.checkWritable(OutputFile.HTML, f));
        if (transcripts < 0) {
            throw OffswitchException.usage("--transcripts must be 0 or more, got " + transcripts);
        }
        try (EpisodeStore store = Stores.openForReading(resultsDir, storeOption)) {
            List<RunInfo> stored = store.runs();
            Map<String, String> plans = new TreeMap<>();
            stored.forEach(r -> plans.put(r.runId(), r.planJson()));
            List<EpisodeRecord> records = new ArrayList<>();
            String which;
            if (runs.isEmpty()) {
                Optional<String> latest = store.latestRunId();
                which = latest.map(r -> " for run " + r).orElse("");
                latest.ifPresent(r -> records.addAll(store.episodes(Optional.of(r))));
            } else if (runs.size() == 1 && runs.getFirst().strip().equals("all")) {
                which = "";
                records.addAll(store.episodes(Optional.empty()));
            } else {
                Set<String> wanted = new LinkedHashSet<>(runs.stream().map(String::strip).filter(r -> !r.isEmpty()).toList());
                Set<String> known = new LinkedHashSet<>(store.runIds());
                List<String> unknown = wanted.stream().filter(r -> !known.contains(r)).toList();
                if (!unknown.isEmpty() || wanted.isEmpty()) {
                    throw OffswitchException.usage("--run " + String.join(",", runs) + ": " + (unknown.isEmpty() ? "names no run"
                            : "no run " + String.join(", ", unknown.stream().map(r -> "'" + r + "'").toList())) + " in " + store.where()
                            + (known.isEmpty() ? "" : "; runs: " + String.join(", ", known)) + " (or --run all)");
                }
                which = " for run " + String.join(", ", wanted);
                wanted.forEach(r -> records.addAll(store.episodes(Optional.of(r))));
            }
            if (records.isEmpty()) {
                throw OffswitchException.usage("no episodes" + which + " in " + store.where()
                        + "; run `offswitch run SCENARIO` first (`offswitch list` names them), or see `offswitch list runs`");
            }
            Report report = Report.of(records, plans, priceTable);
            if (html.isPresent()) {
                OutputFile.write(OutputFile.HTML, html.get(), io.offswitch.web.HtmlReport.render(report, records, transcripts, java.time.Instant.now()));
                System.err.println("Wrote " + html.get());
            }
            String text = format == Format.csv ? CsvReport.render(report) : MarkdownReport.render(report, episodeScores);
            if (byAwareness) {
                text += io.offswitch.report.AwarenessSplit.markdown(io.offswitch.report.AwarenessSplit.of(records, plans, priceTable));
            }
            if (output.isPresent()) {
                OutputFile.write(OutputFile.OUTPUT, output.get(), text);
                System.err.println("Wrote " + output.get());
            } else {
                System.out.print(text);
            }
        }
        return 0;
    }
}
