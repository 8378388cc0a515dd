package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.inspect.InspectExport;
import io.offswitch.inspect.InspectLog;
import io.offswitch.inspect.LogFiles;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a run as Inspect eval logs (format version 2): one log per scenario and model, one sample per episode.",
            "Inspect's viewer and tools read them; offswitch's own results stay in its store (report --format csv for tables)."})
final class ExportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN", description = "The run id (see `offswitch list runs`).")
    String runId;

    @Option(names = "--format", defaultValue = "eval", description = "eval (Inspect's ZIP log) or json (default: ${DEFAULT-VALUE}).")
    LogFiles.Format format;

    @Option(names = "--compression", defaultValue = "deflate", paramLabel = "deflate|zstd",
            description = {"How an .eval's members are compressed (default: ${DEFAULT-VALUE}). Inspect's viewer reads both;",
                "Python's zipfile reads zstd only from Python 3.14, so Inspect's own reader on older Pythons needs deflate."})
    LogFiles.Compression compression;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the logs to (created if missing).")
    Path out;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() {
        try (EpisodeStore store = Stores.openForReading(resultsDir, storeOption)) {
            List<EpisodeRecord> records = store.episodes(Optional.of(runId));
            if (records.isEmpty()) {
                List<String> known = store.runIds();
                throw OffswitchException.usage("no episodes of run '" + runId + "' in " + store.where()
                        + (known.isEmpty() ? "" : "; runs: " + String.join(", ", known)));
            }
            if (format == LogFiles.Format.json && compression != LogFiles.Compression.deflate) {
                throw OffswitchException.usage("--compression applies to .eval logs; a .json log is one uncompressed JSON file");
            }
            RunInfo run = store.runs().stream().filter(r -> r.runId().equals(runId)).findFirst()
                    .orElseGet(() -> new RunInfo(runId, records.stream().map(EpisodeRecord::startedAt).min(Instant::compareTo).orElseThrow(),
                            records.getFirst().key().scenario(), "{}", "", records.getFirst().provenance().offswitchVersion()));
            java.util.Map<Path, InspectLog> written = new java.util.LinkedHashMap<>();
            for (InspectLog log : InspectExport.logs(run, records)) {
                Path file = LogFiles.write(log, format, compression, out);
                written.put(file, log);
                System.err.println("Wrote " + file + " (" + log.records().size() + " samples)");
            }
            // Lets Inspect's viewer list the folder when it is served by any static web server.
            LogFiles.updateListing(out, written);
        }
        return 0;
    }
}
