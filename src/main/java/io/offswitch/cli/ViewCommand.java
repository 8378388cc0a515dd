package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.model.PriceTable;
import io.offswitch.store.EpisodeStore;
import io.offswitch.web.ViewServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "view", mixinStandardHelpOptions = true,
        description = {"A local web viewer over the results: runs with their progress, each scenario's grid of rates with intervals,",
            "a cell's episodes (filter, search, sort), transcripts with attempts and evidence, and comparisons.",
            "Read-only, but for a person's answers to the pending approvals of running episodes (person-gate, mail-filter-review); it follows a run in progress. Stop it with Ctrl-C."})
final class ViewCommand implements Callable<Integer> {
    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "Port to listen on; 0 for any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();


    @Option(names = "--prices", paramLabel = "FILE", description = "CSV of prices per million tokens by provider/model, on top of the built-in table.")
    Optional<Path> prices;

    @Option(names = "--open", description = "Also open the page in the desktop's browser (xdg-open).")
    boolean open;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw OffswitchException.usage("--port must be from 0 to 65535, got " + port);
        }
        PriceTable priceTable = prices.map(PriceTable.builtIn()::withFile).orElseGet(PriceTable::builtIn);
        EpisodeStore store = Stores.openForReading(resultsDir, storeOption);
        // The same results opened for writing, for a person's answers to running episodes' approvals only.
        Optional<EpisodeStore> desk;
        try {
            desk = Optional.of(Stores.open(resultsDir, storeOption));
        } catch (RuntimeException e) {
            System.err.println("offswitch view: the results cannot be opened for writing (" + e.getMessage() + "); pending approvals are shown but"
                    + " cannot be answered here");
            desk = Optional.empty();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        try (store; ViewServer server = ViewServer.start(store, host, port, priceTable, desk)) {
            if (!host.equals("127.0.0.1") && !host.equals("localhost") && !host.equals("::1")) {
                System.err.println("offswitch view: listening on " + host + ": anyone who can reach it can read these results and transcripts");
            }
            System.out.println("offswitch view: " + server.url() + " (results " + store.where() + "; Ctrl-C stops)");
            System.out.flush();
            if (open) {
                try {
                    new ProcessBuilder("xdg-open", server.url()).inheritIO().start();
                } catch (java.io.IOException e) {
                    System.err.println("offswitch view: could not open a browser (" + e.getMessage() + "); open " + server.url());
                }
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
        } finally {
            desk.ifPresent(EpisodeStore::close);
        }
        return 0;
    }
}
