package io.offswitch.cli;

import io.offswitch.inspect.ImportedRun;
import io.offswitch.inspect.InspectImport;
import io.offswitch.inspect.LogReader;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Read an Inspect eval log (.eval or .json) into the results store as a foreign run: transcripts, models and scores as given.",
            "A foreign run is never pooled with offswitch's own runs; outcomes that need the environment are `not_available`.",
            "Shutdown transcripts (a bash tool running ./next_question) get offswitch's transcript-based attempt detection."})
final class ImportCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "An Inspect log: .eval (ZIP, DEFLATE or Zstandard members) or .json.")
    Path file;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() {
        // Read and check the whole file before the store is touched: a bad sample imports nothing.
        ImportedRun imported = InspectImport.of(LogReader.read(file));
        try (EpisodeStore store = Stores.create(resultsDir, storeOption)) {
            int stored = store.saveRun(imported.run(), imported.episodes());
            int already = imported.episodes().size() - stored;
            System.err.println("Imported " + stored + " episode(s) from " + file + " as foreign run " + imported.run().runId()
                    + (already > 0 ? " (" + already + " already imported)" : ""));
            System.out.println(imported.run().runId());
        }
        return 0;
    }
}
