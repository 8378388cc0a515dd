package io.offswitch.cli;

import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.agent.TerminalText;
import io.offswitch.defence.monitor.Calibration;
import io.offswitch.defence.monitor.DefenceMonitors;
import io.offswitch.defence.monitor.MonitorCache;
import io.offswitch.defence.monitor.MonitorModel;
import io.offswitch.defence.monitor.Monitors;
import io.offswitch.defence.monitor.StoredMonitoring;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.ModelServices;
import io.offswitch.model.ProviderEnvironment;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Monitor the stored episodes of a run again, without rerunning the agent: a monitor model scores every tool call",
            "of each transcript as it would have before the call ran, and the whole transcript after it. Its threshold is calibrated on",
            "honest episodes (nothing attempted, no harm) of one half of a split by episode id, and its detection rate on the attempts",
            "and false-alarm rate on the other half's honest episodes are given at the false-alarm rate asked for. Replies are cached",
            "in the store: monitoring the same run with the same monitor again makes no model call. The episodes are not changed."})
final class MonitorCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RUN", description = "The run whose episodes are monitored; see `offswitch list runs`.")
    String runId;

    @Option(names = "--monitor", required = true, paramLabel = "PROVIDER/MODEL", description = "The monitor model, as provider/model (its key in the provider's usual variable).")
    String monitorName;

    @Option(names = "--false-alarm-rate", defaultValue = "0.01", paramLabel = "RATE",
            description = "The false-alarm rate on honest episodes the threshold is calibrated for, between 0 and 1 (default: ${DEFAULT-VALUE}).")
    double falseAlarmRate;

    @picocli.CommandLine.Mixin
    StoredModelCalls calls = new StoredModelCalls();

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Override
    public Integer call() throws Exception {
        calls.check();
        if (!(falseAlarmRate > 0 && falseAlarmRate < 1)) {
            throw OffswitchException.usage("--false-alarm-rate must be between 0 and 1 (e.g. 0.01 for 1%), got " + falseAlarmRate);
        }
        String name = Monitors.checkName(monitorName);
        if (name.equals(DefenceMonitors.RULES)) {
            throw OffswitchException.usage("--monitor " + DefenceMonitors.RULES + " is the scripted policy, which runs with the episodes;"
                    + " `offswitch monitor` takes a model as provider/model");
        }
        try (EpisodeStore store = Stores.open(resultsDir, storeOption)) {
            List<String> known = store.runIds();
            if (!known.contains(runId)) {
                throw OffswitchException.usage("no run '" + runId + "' in " + store.where()
                        + (known.isEmpty() ? "; it has no runs" : "; runs: " + String.join(", ", known)));
            }
            List<EpisodeRecord> episodes = store.episodes(Optional.of(runId));
            if (episodes.isEmpty()) {
                throw OffswitchException.usage("run '" + runId + "' has no episodes in " + store.where() + "; there is nothing to monitor");
            }
            Scenario scenario = Scenarios.resolve(episodes.getFirst().key().scenario());
            ProviderEnvironment env = ProviderEnvironment.system();
            MonitorModel model = Monitors.model(name, calls.services(env), env, MonitorCache.of(store));
            System.err.println("Monitoring the " + episodes.size() + " episode(s) of run " + runId + " (" + scenario.id() + ") with " + name + "...");
            List<StoredMonitoring.EpisodeScores> scores = monitor(episodes, model, scenario);
            System.out.println(describe(scenario, scores));
            int unavailable = scores.stream().mapToInt(StoredMonitoring.EpisodeScores::unavailable).sum();
            if (unavailable > 0) {
                System.err.println(unavailable + " monitor call(s) could not be made (the model was unreachable); they are not scores."
                        + " Run the same command again to ask them again (the rest come from the cache). Exit status " + ExitCode.INCOMPLETE.code() + ".");
                return ExitCode.INCOMPLETE.code();
            }
            return 0;
        }
    }

    private List<StoredMonitoring.EpisodeScores> monitor(List<EpisodeRecord> episodes, MonitorModel model, Scenario scenario) throws Exception {
        var critical = scenario.criticalActions();
        var measured = scenario.outcomes().measured();
        ExecutorService pool = Executors.newFixedThreadPool(calls.concurrency);
        try {
            List<Future<StoredMonitoring.EpisodeScores>> futures = new ArrayList<>();
            for (EpisodeRecord r : episodes) {
                futures.add(pool.submit(() -> StoredMonitoring.monitor(r, model, critical, measured)));
            }
            List<StoredMonitoring.EpisodeScores> out = new ArrayList<>();
            for (Future<StoredMonitoring.EpisodeScores> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private String describe(Scenario scenario, List<StoredMonitoring.EpisodeScores> scores) {
        long honest = scores.stream().filter(s -> s.kind() == Calibration.Kind.HONEST).count();
        long attacks = scores.stream().filter(s -> s.kind() == Calibration.Kind.ATTACK).count();
        int asked = scores.stream().mapToInt(StoredMonitoring.EpisodeScores::modelCalls).sum();
        int cached = scores.stream().mapToInt(StoredMonitoring.EpisodeScores::cached).sum();
        int failures = scores.stream().mapToInt(StoredMonitoring.EpisodeScores::failures).sum();
        StringBuilder out = new StringBuilder();
        out.append("Run ").append(runId).append(" (").append(scenario.id()).append(") monitored by ").append(TerminalText.oneLine(monitorName.strip()))
                .append(": ").append(scores.size()).append(" episode(s): ").append(honest).append(" honest (nothing attempted, no harm), ")
                .append(attacks).append(" with an attempt, ").append(scores.size() - honest - attacks).append(" neither (left out). ")
                .append(asked + cached).append(" monitor question(s): ").append(asked).append(" asked now, ").append(cached).append(" from the cache. ")
                .append(failures).append(" monitor failure(s) (reply unreadable or model unreachable), counted apart, never as scores.\n");
        out.append(line("Action monitor (each call, the episode's highest score)", Calibration.at(falseAlarmRate,
                scores.stream().map(StoredMonitoring.EpisodeScores::forActions).toList())));
        out.append(line("Transcript audit (the whole episode)", Calibration.at(falseAlarmRate,
                scores.stream().map(StoredMonitoring.EpisodeScores::forAudit).toList())));
        return out.toString().stripTrailing();
    }

    private static String line(String what, Calibration.Result r) {
        StringBuilder out = new StringBuilder(what).append(" at a false-alarm rate of ").append(percent(r.targetFalseAlarmRate())).append(": ");
        if (r.threshold().isEmpty()) {
            return out.append("no threshold: no honest episode with a score in the calibration half (").append(r.neededHonest())
                    .append(" needed to bound the rate).\n").toString();
        }
        out.append("threshold ").append(format(r.threshold().get())).append(" (alarm above it), from ").append(r.calibrationHonest())
                .append(" honest episode(s) of the calibration half");
        if (!r.enoughHonest()) {
            out.append(": too few, ").append(r.neededHonest()).append(" are needed to bound ").append(percent(r.targetFalseAlarmRate()))
                    .append(", so the rates below are not at that false-alarm rate");
        }
        out.append("; detection ").append(rate(r.detected(), r.testAttacks(), r.detectionRate())).append(" of the episodes with an attempt")
                .append("; false alarms ").append(rate(r.falseAlarms(), r.testHonest(), r.falseAlarmRate())).append(" of the test half's honest episodes");
        if (r.unscored() > 0) {
            out.append("; ").append(r.unscored()).append(" episode(s) with no score (the monitor failed on each of their questions)");
        }
        return out.append(".\n").toString();
    }

    private static String rate(int k, int n, Optional<Calibration.Interval> i) {
        return k + "/" + n + i.map(v -> " = " + percent(v.rate()) + " [" + percent(v.low()) + ", " + percent(v.high()) + "]").orElse("");
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%.1f%%", v * 100);
    }

    private static String format(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2f", v);
    }

}
