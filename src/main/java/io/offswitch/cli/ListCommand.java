package io.offswitch.cli;

import io.offswitch.OffswitchException;
import io.offswitch.agent.Agents;
import io.offswitch.agent.TerminalText;
import io.offswitch.episode.Outcome;
import io.offswitch.agent.ReferenceAgentCatalog;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeFilter;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.EpisodeSummary;
import io.offswitch.store.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"List scenarios and their conditions, agents and model providers, stored runs, or stored episodes.",
            "`list episodes` filters with --run, --outcome, --model, --condition and --attempt; its ids work with `offswitch show`."})
final class ListCommand implements Callable<Integer> {
    /** Whether the defence runs on the scenario without a model named by --monitor. */
    private static boolean scripted(io.offswitch.defence.Defence d, Scenario s) {
        try {
            io.offswitch.defence.monitor.DefenceMonitors.check(d, s.id(), s.criticalActions());
            return true;
        } catch (io.offswitch.OffswitchException e) {
            return false;
        }
    }

    private static boolean usable(io.offswitch.defence.Defence d, Scenario s) {
        try {
            io.offswitch.defence.hardening.Hardenings.check(d, s.id(), s.protectedResources());
            io.offswitch.defence.channel.ChannelFilters.check(d, s.id(), s.outboundChannels(), s.protectedResources());
            return true;
        } catch (io.offswitch.OffswitchException e) {
            return false;
        }
    }

    enum What { all, scenarios, agents, runs, episodes, defences }

    @Parameters(index = "0", defaultValue = "all", description = "scenarios, agents, runs, episodes, defences, or all (default: all but episodes and defences).")
    What what;

    @Option(names = "--results", defaultValue = "offswitch-results", paramLabel = "DIR", description = "Results directory (default: ${DEFAULT-VALUE}).")
    Path resultsDir;

    @picocli.CommandLine.Mixin
    StoreOption storeOption = new StoreOption();

    @Option(names = "--run", split = ",", paramLabel = "ID", description = "episodes: only these runs (default: every run).")
    List<String> runs = new ArrayList<>();

    @Option(names = "--outcome", split = ",", paramLabel = "OUTCOME",
            description = "episodes: only these outcomes, any scenario's (`offswitch list scenarios` names each scenario's), e.g. sabotaged,limit.")
    List<String> outcomes = new ArrayList<>();

    @Option(names = {"-m", "--model"}, split = ",", paramLabel = "MODEL", description = "episodes: only these agents, as named in the run.")
    List<String> models = new ArrayList<>();

    @Option(names = {"-c", "--condition"}, split = ",", paramLabel = "ID", description = "episodes: only these conditions.")
    List<String> conditions = new ArrayList<>();

    @Option(names = "--attempt", paramLabel = "KIND",
            description = "episodes: only those with an attempt of this kind (e.g. modified-shutdown-script), `any` attempt, or `none`.")
    Optional<String> attempt;

    @Option(names = "--limit", defaultValue = "200", paramLabel = "N", description = "episodes: at most this many, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (what == What.episodes) {
            return episodes();
        }
        if (what == What.all || what == What.scenarios) {
            System.out.println("Scenarios, with their conditions, outcomes and reference agents:");
            for (Scenario s : Scenarios.all()) {
                System.out.println("  " + s.id() + "  " + s.description());
                System.out.println("    conditions:");
                // Columns as wide as the scenario's longest name, at least as wide as shutdown's always were.
                String conditionColumn = "      %-" + Math.max(11, s.conditions().stream().mapToInt(c -> c.id().length()).max().orElse(0)) + "s %s%n";
                for (Condition c : s.conditions()) {
                    System.out.printf(conditionColumn, c.id(), c.description());
                }
                OutcomeVocabulary outcomes = s.outcomes();
                System.out.println("    outcomes" + outcomes.measured().map(m -> " (" + outcomes.rateName() + ": " + m.label()
                        + " among the counted ones)").orElse("") + ":");
                String outcomeColumn = "      %-" + Math.max(16, outcomes.all().stream().mapToInt(o -> o.label().length()).max().orElse(0)) + "s %s%s%n";
                for (OutcomeLabel o : outcomes.all()) {
                    System.out.printf(outcomeColumn, o.label(), o.meaning(), o.scored() ? " (counted)" : "");
                }
                if (!s.referenceAgents().names().isEmpty()) {
                    System.out.println("    reference agents (scripted, not models; `run " + s.id() + "` without --model runs "
                            + String.join(", ", s.referenceAgents().defaults()) + "):");
                    s.referenceAgents().descriptions().forEach(line -> System.out.println("      " + line));
                }
            }
        }
        if (what == What.all || what == What.agents) {
            System.out.println("Models (--model provider/model; the key comes from the variable named):");
            ProviderHelp.lines().forEach(line -> System.out.println("  " + line));
            System.out.println("Scripted agents (--model; not models, they check the harness):");
            Agents.descriptions(ReferenceAgentCatalog.none()).forEach(line -> System.out.println("  " + line));
            for (Scenario s : Scenarios.all()) {
                if (s.referenceAgents().names().isEmpty()) {
                    continue;
                }
                if (what == What.all) {
                    // Already described with their scenario above.
                    System.out.println("  reference agents of " + s.id() + ": " + String.join(", ", s.referenceAgents().names())
                            + " (see the scenario above)");
                } else {
                    System.out.println("  reference agents of " + s.id() + ":");
                    s.referenceAgents().descriptions().forEach(line -> System.out.println("    " + line));
                }
            }
        }
        if (what == What.defences) {
            System.out.println("Defences (--defence NAME,...; each runs beside the arm without one, none):");
            for (io.offswitch.defence.Defence d : io.offswitch.defence.Defences.all()) {
                System.out.println("  " + d.name() + " (" + d.kind().label() + "): " + d.description());
                if (!d.parameters().isEmpty()) {
                    System.out.println("    parameters: " + d.parameters());
                }
                List<Scenario> usable = Scenarios.all().stream().filter(s -> usable(d, s)).toList();
                // A gate's or audit's scripted policy reads the scenario's critical actions: where it declares none,
                // `run` refuses the defence unless --monitor names a model, and the list says so.
                List<String> ready = usable.stream().filter(s -> scripted(d, s)).map(Scenario::id).toList();
                List<String> withModel = usable.stream().filter(s -> !scripted(d, s)).map(Scenario::id).toList();
                System.out.println("    scenarios: " + (d.isNone() ? "all" : usable.isEmpty() ? "none yet" : (ready.isEmpty() ? "none" : String.join(", ", ready))
                        + (withModel.isEmpty() ? "" : "; with --monitor provider/model also: " + String.join(", ", withModel))));
            }
        }
        if (what == What.all || what == What.runs) {
            io.offswitch.store.StoreLocation location = storeOption.location(resultsDir);
            if (!(location instanceof io.offswitch.store.StoreLocation.SqliteFile file) || Files.exists(file.path())) {
                try (EpisodeStore store = EpisodeStore.openForReading(location)) {
                    System.out.println("Runs in " + store.where() + ":");
                    for (RunInfo r : store.runs()) {
                        System.out.printf("  %-24s %s %s  %s%n", r.runId(), r.createdAt(), r.scenario(), TerminalText.escape(r.commandLine()));
                    }
                }
            } else if (what == What.runs) {
                System.out.println("No runs yet in " + location.display());
            }
        }
        return 0;
    }

    private int episodes() {
        if (limit < 1) {
            throw OffswitchException.usage("--limit must be at least 1, got " + limit);
        }
        try (EpisodeStore store = Stores.openForReading(resultsDir, storeOption)) {
            // Every scenario's labels, and those of episodes stored by scenarios this offswitch does not know.
            Set<String> known = new LinkedHashSet<>(Scenarios.allOutcomeLabels());
            known.addAll(store.distinct("outcome"));
            Set<String> wantedOutcomes = new LinkedHashSet<>();
            for (String o : outcomes) {
                String label = o.strip().toLowerCase(java.util.Locale.ROOT).replace('-', '_');
                if (!known.contains(label)) {
                    throw OffswitchException.usage("--outcome " + o + " is not an outcome; outcomes: " + String.join(", ", known));
                }
                wantedOutcomes.add(label);
            }
            Set<String> wantedRuns = strip(runs);
            List<String> knownRuns = store.runIds();
            List<String> unknownRuns = wantedRuns.stream().filter(r -> !knownRuns.contains(r)).toList();
            if (!unknownRuns.isEmpty()) {
                throw OffswitchException.usage("--run: no run " + String.join(", ", unknownRuns) + " in " + store.where()
                        + "; runs: " + String.join(", ", knownRuns));
            }
            EpisodeFilter filter = new EpisodeFilter(wantedRuns, wantedOutcomes, strip(models), strip(conditions),
                    attempt.map(String::strip).filter(a -> !a.isEmpty()), limit);
            List<EpisodeSummary> found = store.summaries(filter);
            if (found.isEmpty()) {
                System.err.println("No episodes match in " + store.where() + "; agents stored: " + String.join(", ", store.distinct("model"))
                        + "; conditions: " + String.join(", ", store.distinct("condition")));
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID (for offswitch show)", "RUN", "AGENT", "CONDITION", "EPOCH", "OUTCOME", "ATTEMPTS"));
            for (EpisodeSummary e : found) {
                rows.add(List.of(e.id(), e.runId(), e.model(), e.condition(), String.valueOf(e.epoch()), e.outcome(),
                        e.attemptKinds().isEmpty() ? "-" : String.join(",", e.attemptKinds())));
            }
            int[] widths = new int[rows.getFirst().size()];
            rows.forEach(row -> {
                for (int i = 0; i < row.size(); i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            });
            for (List<String> row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < row.size(); i++) {
                    line.append(i == row.size() - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
                }
                System.out.println(TerminalText.escape(line.toString().stripTrailing()));
            }
            if (found.size() == limit) {
                System.err.println("Showing the newest " + limit + "; --limit N shows more.");
            }
        }
        return 0;
    }

    private static Set<String> strip(List<String> values) {
        return values.stream().map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
