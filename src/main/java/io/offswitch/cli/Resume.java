package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** `run --resume RUN`: runs the stored command line of RUN again, which continues where it stopped. */
final class Resume {
    private Resume() {}

    static int rerun(String runId, Path resultsDir, StoreOption store, boolean retryErrors) {
        return rerun(runId, resultsDir, store, retryErrors, java.util.OptionalInt.empty());
    }

    /** The same; {@code epochs}, when given, replaces the stored epochs, which extends the run. */
    static int rerun(String runId, Path resultsDir, StoreOption storeOption, boolean retryErrors, java.util.OptionalInt epochs) {
        RunInfo run;
        try (EpisodeStore store = Stores.open(resultsDir, storeOption)) {
            List<RunInfo> runs = store.runs();
            run = runs.stream().filter(r -> r.runId().equals(runId)).findFirst()
                    .orElseThrow(() -> OffswitchException.usage("no run '" + runId + "' in " + store.where() + "; runs: "
                            + runs.stream().map(RunInfo::runId).collect(Collectors.joining(", "))));
        }
        List<String> args = ShellWords.split(run.commandLine());
        int at = args.indexOf("run");
        if (at < 0) {
            throw OffswitchException.usage("run " + runId + " was stored without its command line ('" + run.commandLine()
                    + "'); run the original command again with --run-id " + runId);
        }
        List<String> again = new ArrayList<>(args.subList(at + 1, args.size()));
        again.removeIf(a -> a.equals("--resume"));
        if (!again.contains("--run-id")) {
            again.add("--run-id");
            again.add(runId);
        }
        if (epochs.isPresent()) {
            withoutOption(again, "--epochs", "-n");
            again.add("--epochs");
            again.add(Integer.toString(epochs.getAsInt()));
        }
        if (retryErrors && !again.contains("--retry-errors")) {
            again.add("--retry-errors");
        }
        // The stored --store has its password masked: the store this command was given is the one to resume in.
        if (storeOption.store.isPresent()) {
            withoutOption(again, "--store", "--store");
            again.add("--store");
            again.add(storeOption.store.get());
        }
        if (!again.contains("--results")) {
            again.add("--results");
            again.add(resultsDir.toString());
        }
        System.err.println("Resuming " + runId + ": offswitch run " + ShellWords.join(StoreOption.withoutPasswords(again)));
        return new picocli.CommandLine(new RunCommand()).setExecutionExceptionHandler((e, cl, pr) -> {
            throw e;
        }).execute(again.toArray(String[]::new));
    }

    /** Removes every occurrence of an option and its value ("--epochs 5", "-n 5", "--epochs=5", "-n5"). */
    static void withoutOption(List<String> args, String longName, String shortName) {
        for (int i = 0; i < args.size(); ) {
            String a = args.get(i);
            if ((a.equals(longName) || a.equals(shortName)) && i + 1 < args.size()) {
                args.remove(i + 1);
                args.remove(i);
            } else if (a.startsWith(longName + "=") || (a.startsWith(shortName) && a.length() > shortName.length() && !a.startsWith("--"))) {
                args.remove(i);
            } else {
                i++;
            }
        }
    }
}
