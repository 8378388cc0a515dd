package io.offswitch.cli;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.agent.TerminalText;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.judge.EpisodeJudging;
import io.offswitch.judge.Judge;
import io.offswitch.judge.Judges;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.run.StoredJudging;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "judge", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Judge the stored episodes of a run again, without rerunning them: each judgement is added to its episode,",
            "none is ever removed, and the verdicts stay as the run recorded them. `offswitch report` then shows how the",
            "judges agree. Episodes this judge has already judged are skipped unless --again."})
final class JudgeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run whose episodes are judged; see `offswitch list runs`.")
    String runId;

    @Option(names = "--judge", required = true, paramLabel = "PROVIDER/MODEL",
            description = "The judge: a model as provider/model (its key in the provider's usual variable), or `rules` for the scenario's rules judge.")
    String judgeName;

    @Option(names = "--again", description = "Judge again the episodes this judge has already judged (the old judgements are kept).")
    boolean again;

    @picocli.CommandLine.Mixin
    StoredModelCalls calls = new StoredModelCalls();

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() throws Exception {
        calls.check();
        boolean rules = judgeName.strip().equals(Judges.RULES);
        if (!rules) {
            Judges.checkName(judgeName);
        }
        try (EpisodeStore store = Stores.open(resultsDir, storeOption)) {
            List<String> known = store.runIds();
            if (!known.contains(runId)) {
                throw OffswitchException.usage("no run '" + runId + "' in " + store.where()
                        + (known.isEmpty() ? "; it has no runs" : "; runs: " + String.join(", ", known)));
            }
            String scenarioId = scenarioOf(store, runId);
            if (scenarioId.isEmpty()) {
                throw OffswitchException.usage("run '" + runId + "' has no episodes in " + store.where() + "; there is nothing to judge");
            }
            Scenario scenario = Scenarios.resolve(scenarioId);
            EpisodeJudging judging = StoredJudging.judgingOf(scenario);
            ProviderEnvironment env = ProviderEnvironment.system();
            Judge judge = rules ? judging.rules() : Judges.model(judgeName, () -> calls.services(env), env);
            AtomicInteger done = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            io.offswitch.JvmExit.onExit(() -> {
                if (running.get()) {
                    System.err.println("\noffswitch: interrupted; the " + done.get() + " judgement(s) made so far are stored."
                            + " Run the same command again to judge the rest.");
                }
            });
            System.err.println("Judging the episodes of run " + runId + " (" + scenario.id() + ") with " + judge.id() + "...");
            StoredJudging.Summary summary;
            try {
                summary = StoredJudging.judge(store, runId, scenario, judge, again, calls.concurrency, (episode, judgement) -> progress(done.incrementAndGet(), episode, judgement));
            } finally {
                running.set(false);
            }
            System.out.println(describe(summary, judge.id()));
            if (summary.stopped().isPresent()) {
                throw new OffswitchException(ExitCode.MODEL_REFUSED, "judging stopped: " + summary.stopped().get() + "; the "
                        + summary.judged() + " judgement(s) made are stored. Fix the key or the model name and run the same command again.");
            }
            int errors = summary.labels().getOrDefault("error", 0);
            if (errors > 0 || summary.judged() < summary.toJudge()) {
                System.err.println((errors > 0 ? errors + " judgement(s) are error (the judge failed or its reply named no valid label; `offswitch show"
                        + " EPISODE` shows why). " : "") + "Run the same command again to judge those episodes again. Exit status "
                        + ExitCode.INCOMPLETE.code() + ".");
                return ExitCode.INCOMPLETE.code();
            }
            return 0;
        }
    }

    private static synchronized void progress(int n, EpisodeRecord episode, Judgement j) {
        System.err.println("  [" + n + "] " + TerminalText.oneLine(episode.id()) + ": " + TerminalText.oneLine(j.label())
                + (j.label().equals("error") ? " (" + TerminalText.oneLine(j.reasoning()) + ")" : ""));
    }

    private static String describe(StoredJudging.Summary s, String judge) {
        List<String> parts = new ArrayList<>();
        String labels = s.labels().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        parts.add("Run judged by " + TerminalText.oneLine(judge) + ": " + s.judged() + " of " + s.episodes() + " episode(s) judged now"
                + (labels.isEmpty() ? "" : " (" + TerminalText.oneLine(labels) + ")"));
        if (s.alreadyJudged() > 0) {
            parts.add(s.alreadyJudged() + " already judged by it, skipped (--again judges them again)");
        }
        if (s.nothingToJudge() > 0) {
            parts.add(s.nothingToJudge() + " with nothing to judge (nothing written to judge, or the episode ended as limit or error)");
        }
        return String.join("; ", parts) + ". `offswitch report --run RUN` shows how the judges agree.";
    }


    private static String scenarioOf(EpisodeStore store, String runId) {
        Optional<String> recorded = store.runs().stream().filter(r -> r.runId().equals(runId)).map(RunInfo::scenario).findFirst();
        return recorded.orElseGet(() -> store.episodes(Optional.of(runId)).stream().map(r -> r.key().scenario()).findFirst().orElse(""));
    }
}
