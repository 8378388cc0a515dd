package io.offswitch.report;

import io.offswitch.episode.Outcome;
import io.offswitch.episode.Usage;
import io.offswitch.model.PriceTable;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeQuery;
import io.offswitch.store.EpisodeTally;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * The report's cells and model usage counted from the store's episode tallies ({@link EpisodeTally})
 * instead of the records: the same cells, in the same order, with the same vocabularies, designs,
 * counts, tokens, costs and published figures as {@link Report#of} gives for the records the tallies
 * count. What needs the records themselves (judge agreement, scores, follow-up interviews) is left
 * out: the viewer's grid shows none of it.
 */
public final class TalliedReport {
    private record CellKey(String scenario, String model, String condition, String defence, String design) {}

    private static final Comparator<CellKey> CELL_ORDER = Comparator.comparing(CellKey::scenario)
            .thenComparing(CellKey::model)
            .thenComparing(CellKey::condition, Report.CONDITION_ORDER)
            .thenComparing(CellKey::defence, Report.DEFENCE_ORDER)
            .thenComparing(CellKey::design);

    private static final Comparator<EpisodeTally> FIRST = Comparator.comparing(EpisodeTally::firstStarted).thenComparing(EpisodeTally::firstId);

    private TalliedReport() {}

    /** The report of the tallied episodes of {@code runs} (every run when empty). */
    public static Report of(List<EpisodeTally> tallies, Set<String> runs, Map<String, String> planJsonByRun, PriceTable prices) {
        return of(selected(tallies, runs), planJsonByRun, PublishedFigures.bundled(), BuiltInDesigns.registered(), Scenarios::vocabulary, prices);
    }

    /**
     * The designs (run and design text) whose episodes make up the cell with {@code design} of
     * (scenario, model, condition), for listing exactly that cell's episodes.
     */
    public static Set<EpisodeQuery.Design> designs(List<EpisodeTally> tallies, Set<String> runs, Map<String, String> planJsonByRun,
            String scenario, String model, String condition, String defence, String design) {
        Designs designs = new Designs(planJsonByRun);
        Set<EpisodeQuery.Design> out = new LinkedHashSet<>();
        for (EpisodeTally t : selected(tallies, runs)) {
            if (t.scenario().equals(scenario) && t.model().equals(model) && t.condition().equals(condition) && t.defence().equals(defence)
                    && designs.of(t).equals(design)) {
                out.add(new EpisodeQuery.Design(t.runId(), t.designBasis(), t.defence()));
            }
        }
        return out;
    }

    /** The design hash of tallied episodes, from their design text and their run's plan (limits, defence definitions). */
    private record Designs(Map<String, String> limits, Map<String, Map<String, String>> defences) {
        Designs(Map<String, String> planJsonByRun) {
            this(DesignHashes.limitsByRun(planJsonByRun), DesignHashes.defencesByRun(planJsonByRun));
        }

        String of(EpisodeTally t) {
            return DesignHashes.of(t.designBasis(), limits.getOrDefault(t.runId(), ""), t.defence(),
                    defences.getOrDefault(t.runId(), Map.of()).getOrDefault(t.defence(), ""));
        }
    }

    /** The tallies of {@code runs} (all when empty) in the order their first episodes started, as the records are read. */
    static List<EpisodeTally> selected(List<EpisodeTally> tallies, Set<String> runs) {
        return tallies.stream().filter(t -> runs.isEmpty() || runs.contains(t.runId())).sorted(FIRST).toList();
    }

    static Report of(List<EpisodeTally> ordered, Map<String, String> planJsonByRun, PublishedFigures published, BuiltInDesigns builtIn,
            BiFunction<String, List<Outcome>, OutcomeVocabulary> vocabularies, PriceTable prices) {
        Designs designs = new Designs(planJsonByRun);
        // Outcomes in the order the episodes first had them, as Report.of meets them in the records.
        Map<String, List<Outcome>> seen = new LinkedHashMap<>();
        for (EpisodeTally t : ordered) {
            List<Outcome> outcomes = seen.computeIfAbsent(t.scenario(), s -> new ArrayList<>());
            if (!outcomes.contains(new Outcome(t.outcome()))) {
                outcomes.add(new Outcome(t.outcome()));
            }
        }
        Map<String, OutcomeVocabulary> vocabulary = new LinkedHashMap<>();
        seen.forEach((scenario, outcomes) -> vocabulary.put(scenario, vocabularies.apply(scenario, outcomes)));
        Map<CellKey, List<EpisodeTally>> byCell = new TreeMap<>(CELL_ORDER);
        for (EpisodeTally t : ordered) {
            byCell.computeIfAbsent(new CellKey(t.scenario(), t.model(), t.condition(), t.defence(), designs.of(t)), k -> new ArrayList<>()).add(t);
        }
        List<Cell> cells = new ArrayList<>();
        byCell.forEach((key, cellTallies) -> cells.add(cell(key, cellTallies, vocabulary.get(key.scenario()), published, builtIn, prices)));
        return new Report(cells, usage(ordered, prices), List.of());
    }

    private static Cell cell(CellKey key, List<EpisodeTally> tallies, OutcomeVocabulary vocabulary, PublishedFigures published,
            BuiltInDesigns builtIn, PriceTable prices) {
        EpisodeTally first = tallies.getFirst();
        SortedSet<String> runs = new TreeSet<>();
        boolean scripted = false;
        int episodes = 0;
        int attempted = 0;
        int triedAndFailed = 0;
        Usage tokens = Usage.NONE;
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        vocabulary.all().forEach(o -> counts.put(o.outcome(), 0));
        for (EpisodeTally t : tallies) {
            Outcome outcome = new Outcome(t.outcome());
            runs.add(t.runId());
            scripted |= t.scripted();
            episodes += t.episodes();
            counts.merge(outcome, t.episodes(), Integer::sum);
            tokens = tokens.plus(t.tokens());
            if (t.attempted()) {
                attempted += t.episodes();
                if (vocabulary.scored(outcome) && !vocabulary.measured().map(outcome::equals).orElse(false)) {
                    triedAndFailed += t.episodes();
                }
            }
        }
        Optional<Comparison> figure = published.compare(key.scenario(), key.model(), key.condition(), first.promptsHash(),
                first.scenarioHash(), first.conditionHash(), builtIn);
        boolean undefended = key.defence().equals(io.offswitch.episode.EpisodeKey.NO_DEFENCE);
        return new Cell(key.scenario(), key.model(), key.condition(), key.design(), runs, scripted, first.strategy(), episodes, vocabulary,
                counts, attempted, triedAndFailed, tokens, scripted ? Optional.empty() : Cell.cost(key.model(), tokens, prices),
                undefended ? figure : Optional.empty(), key.defence());
    }

    private static List<ModelUsage> usage(List<EpisodeTally> tallies, PriceTable prices) {
        Map<String, long[]> calls = new TreeMap<>();
        Map<String, Usage> tokens = new TreeMap<>();
        for (EpisodeTally t : tallies) {
            if (t.scripted() || t.calls() == 0) {
                continue;
            }
            calls.computeIfAbsent(t.model(), k -> new long[1])[0] += t.calls();
            tokens.merge(t.model(), t.tokens(), Usage::plus);
        }
        return calls.keySet().stream().map(model -> new ModelUsage(model, calls.get(model)[0], tokens.get(model),
                ModelUsage.priced(model, tokens.get(model), prices))).toList();
    }
}
