package io.offswitch.cli;

import io.offswitch.store.EpisodeStore;
import io.offswitch.store.StoreCopy;
import io.offswitch.store.StoreLocation;
import java.nio.file.Files;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `offswitch store ...`: work on results stores as a whole. */
@Command(name = "store", mixinStandardHelpOptions = true, description = "Work on results stores as a whole (see `store copy`).",
        subcommands = StoreCommand.Copy.class)
final class StoreCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "copy", mixinStandardHelpOptions = true,
            description = {"Copy every run and episode of one store into another, e.g. an SQLite file into a team's PostgreSQL.",
                "Rows are copied as stored; what the target has already is kept, so copying again adds only what is new.",
                "Episodes go in batches of " + StoreCopy.BATCH_SIZE + ", each in one transaction: a copy stopped midway leaves whole"
                        + " episodes only, and the same command finishes it."})
    static final class Copy implements Callable<Integer> {
        @Option(names = "--from", required = true, paramLabel = "URL", description = "The store to read: an SQLite file (PATH or sqlite:PATH) or postgresql://...")
        String from;

        @Option(names = "--to", required = true, paramLabel = "URL",
                description = "The store to write: postgresql://USER@HOST:PORT/DB (password in PGPASSWORD), or an SQLite file; created if needed.")
        String to;

        @Override
        public Integer call() {
            StoreLocation source = StoreLocation.parse(from);
            if (source instanceof StoreLocation.SqliteFile file && !Files.exists(file.path())) {
                throw io.offswitch.OffswitchException.usage("--from " + file.path() + ": no such results file");
            }
            StoreLocation target = StoreLocation.parse(to);
            long started = System.nanoTime();
            try (EpisodeStore in = EpisodeStore.openForReading(source); EpisodeStore out = new EpisodeStore(target)) {
                System.err.println("Copying " + in.where() + " into " + out.where() + ".");
                long[] shown = {0};
                StoreCopy.Counts counts = StoreCopy.copy(in, out, c -> {
                    long done = c.episodesCopied() + c.episodesThere();
                    if (done - shown[0] >= 10 * StoreCopy.BATCH_SIZE) {
                        shown[0] = done;
                        System.err.println("  " + done + " of " + c.episodesInSource() + " episodes");
                    }
                });
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("Copied %d run(s) and %d episode(s) into %s in %.1f s; %d run(s) and %d episode(s) were there already"
                        + " and are kept as they are.%n", counts.runsCopied(), counts.episodesCopied(), out.where(), seconds,
                        counts.runsThere(), counts.episodesThere());
            }
            return 0;
        }
    }
}
