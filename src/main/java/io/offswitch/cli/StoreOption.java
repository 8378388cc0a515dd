package io.offswitch.cli;

import io.offswitch.store.StoreLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --store URL}: the results store, when it is not the SQLite file of the results folder. */
final class StoreOption {
    @Option(names = "--store", paramLabel = "URL", description = {"The results store instead of DIR/offswitch.db: an SQLite file (PATH or sqlite:PATH),"
            + " or a PostgreSQL database shared by a team, postgresql://USER@HOST:PORT/DB (password in PGPASSWORD)."})
    Optional<String> store = Optional.empty();

    /** Where the store is: --store when given, else {@code offswitch.db} in {@code resultsDir}. */
    StoreLocation location(Path resultsDir) {
        return store.map(StoreLocation::parse).orElseGet(() -> StoreLocation.inResults(resultsDir));
    }

    /** The command line with the password of any --store URL masked: command lines are stored with their runs and shown. */
    static List<String> withoutPasswords(List<String> args) {
        List<String> out = new ArrayList<>(args);
        for (int i = 0; i < out.size(); i++) {
            String a = out.get(i);
            if (a.equals("--store") && i + 1 < out.size()) {
                out.set(i + 1, StoreLocation.withoutPassword(out.get(i + 1)));
            } else if (a.startsWith("--store=")) {
                out.set(i, "--store=" + StoreLocation.withoutPassword(a.substring("--store=".length())));
            }
        }
        return out;
    }
}
