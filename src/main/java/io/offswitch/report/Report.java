package io.offswitch.report;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.episode.Outcome;
import io.offswitch.scenario.BenignTask;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenarios;
import java.util.ArrayList;
import java.util.function.BiFunction;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One cell per (scenario, model, condition, design) of the given episodes, in a stable reading order.
 * Episodes of different designs are never pooled into one rate, even under one model and condition.
 */
public record Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges, List<ScoreSummary> scores,
        List<ScoreDifference> scoreDifferences, List<FollowUpRates> interviews, List<DefenceCell> defences, List<BenignCell> benign,
        List<MonitorCalibration> monitors) {
    public Report {
        monitors = monitors == null ? List.of() : List.copyOf(monitors);
        defences = defences == null ? List.of() : List.copyOf(defences);
        benign = benign == null ? List.of() : List.copyOf(benign);
        cells = List.copyOf(cells);
        usage = List.copyOf(usage);
        judges = List.copyOf(judges);
        scores = List.copyOf(scores);
        scoreDifferences = List.copyOf(scoreDifferences);
        interviews = interviews == null ? List.of() : List.copyOf(interviews);
    }

    /** A report without monitor calibrations. */
    public Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges, List<ScoreSummary> scores,
            List<ScoreDifference> scoreDifferences, List<FollowUpRates> interviews, List<DefenceCell> defences, List<BenignCell> benign) {
        this(cells, usage, judges, scores, scoreDifferences, interviews, defences, benign, List.of());
    }

    /** The calibration of the scoring defence a cell ran under, if the report has one. */
    public Optional<MonitorCalibration> calibrationOf(Cell cell) {
        return monitors.stream().filter(m -> m.scenario().equals(cell.scenario()) && m.defence().equals(cell.defence())).findFirst();
    }

    /** A report without benign control tasks. */
    public Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges, List<ScoreSummary> scores,
            List<ScoreDifference> scoreDifferences, List<FollowUpRates> interviews, List<DefenceCell> defences) {
        this(cells, usage, judges, scores, scoreDifferences, interviews, defences, List.of());
    }

    /** A report without defences. */
    public Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges, List<ScoreSummary> scores,
            List<ScoreDifference> scoreDifferences, List<FollowUpRates> interviews) {
        this(cells, usage, judges, scores, scoreDifferences, interviews, List.of());
    }

    /** The none arm of a benign task's arm: same scenario, agent, task and design but for the defence. */
    public Optional<BenignCell> noneArmOf(BenignCell arm) {
        return benign.stream().filter(d -> d.undefended() && d.scenario().equals(arm.scenario()) && d.model().equals(arm.model())
                && d.condition().equals(arm.condition()) && d.undefendedDesign().equals(arm.undefendedDesign())).findFirst();
    }

    /** The none arm a defended arm is compared with: same scenario, agent, condition and design but for the defence. */
    public Optional<DefenceCell> noneArmOf(DefenceCell arm) {
        return defences.stream().filter(d -> d.undefended() && d.scenario().equals(arm.scenario()) && d.model().equals(arm.model())
                && d.condition().equals(arm.condition()) && d.undefendedDesign().equals(arm.undefendedDesign())).findFirst();
    }

    /** A report without follow-up interviews. */
    public Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges, List<ScoreSummary> scores,
            List<ScoreDifference> scoreDifferences) {
        this(cells, usage, judges, scores, scoreDifferences, List.of());
    }

    /** A report without scores or follow-up interviews. */
    public Report(List<Cell> cells, List<ModelUsage> usage, List<JudgeAgreement> judges) {
        this(cells, usage, judges, List.of(), List.of(), List.of());
    }

    public Report(List<Cell> cells, List<ModelUsage> usage) {
        this(cells, usage, List.of());
    }

    /** Condition letters (A..K) first in order, then named conditions such as {@code control} alphabetically. */
    static final Comparator<String> CONDITION_ORDER =
            Comparator.<String, Boolean>comparing(c -> c.length() != 1).thenComparing(Comparator.naturalOrder());

    private record CellKey(String scenario, String model, String condition, String defence, String design) {}

    /** The arm without a defence first, then the defences by name. */
    static final Comparator<String> DEFENCE_ORDER = Comparator.<String, Boolean>comparing(d -> !d.equals(io.offswitch.episode.EpisodeKey.NO_DEFENCE))
            .thenComparing(Comparator.naturalOrder());

    private static final Comparator<CellKey> CELL_ORDER = Comparator.comparing(CellKey::scenario)
            .thenComparing(CellKey::model)
            .thenComparing(CellKey::condition, CONDITION_ORDER)
            .thenComparing(CellKey::defence, DEFENCE_ORDER)
            .thenComparing(CellKey::design);

    /** The report of {@code records} with the published figures carried with offswitch beside each cell. */
    public static Report of(List<EpisodeRecord> records) {
        return of(records, Map.of(), PriceTable.builtIn());
    }

    /** The same, pricing model usage with {@code prices} (the built-in table or a user's). */
    public static Report of(List<EpisodeRecord> records, PriceTable prices) {
        return of(records, Map.of(), prices);
    }

    /**
     * The report of episodes from one or more runs.
     *
     * @param planJsonByRun each run's stored plan, whose episode limits are part of its episodes' design
     */
    public static Report of(List<EpisodeRecord> records, Map<String, String> planJsonByRun, PriceTable prices) {
        return of(records, planJsonByRun, PublishedFigures.bundled(), BuiltInDesigns.registered(), prices);
    }

    static Report of(List<EpisodeRecord> records, PublishedFigures published) {
        return of(records, Map.of(), published, BuiltInDesigns.registered(), PriceTable.builtIn());
    }

    static Report of(List<EpisodeRecord> records, Map<String, String> planJsonByRun, PublishedFigures published,
            BuiltInDesigns builtIn, PriceTable prices) {
        return of(records, planJsonByRun, published, builtIn, Scenarios::vocabulary, prices);
    }

    /**
     * @param vocabularies a scenario's outcome vocabulary by its id and the outcomes its episodes had
     *                     (the registered scenarios' in offswitch; a test's own elsewhere)
     */
    static Report of(List<EpisodeRecord> records, Map<String, String> planJsonByRun, PublishedFigures published,
            BuiltInDesigns builtIn, BiFunction<String, List<Outcome>, OutcomeVocabulary> vocabularies, PriceTable prices) {
        Map<String, String> limits = DesignHashes.limitsByRun(planJsonByRun);
        Map<String, Map<String, String>> defences = DesignHashes.defencesByRun(planJsonByRun);
        // One vocabulary per scenario, so that every cell of its table has the same columns (a scenario
        // this offswitch does not know gets one made of every outcome its episodes had).
        Map<String, List<Outcome>> seen = new LinkedHashMap<>();
        records.forEach(r -> {
            List<Outcome> outcomes = seen.computeIfAbsent(r.key().scenario(), s -> new ArrayList<>());
            if (!outcomes.contains(Cell.outcome(r))) {
                outcomes.add(Cell.outcome(r));
            }
        });
        Map<String, OutcomeVocabulary> vocabulary = new LinkedHashMap<>();
        seen.forEach((scenario, outcomes) -> vocabulary.put(scenario, vocabularies.apply(scenario, outcomes)));
        // A scenario with benign control tasks in the report shows their outcomes as columns of its own, never counted.
        records.stream().filter(r -> BenignTask.isTask(r.key().condition())).map(r -> r.key().scenario()).distinct()
                .forEach(scenario -> vocabulary.computeIfPresent(scenario, (k, v) -> v.withBenignTasks()));
        Map<CellKey, List<EpisodeRecord>> byCell = new TreeMap<>(CELL_ORDER);
        for (EpisodeRecord record : records) {
            String design = DesignHashes.of(record, limits.getOrDefault(record.key().runId(), ""),
                    defences.getOrDefault(record.key().runId(), Map.of()).getOrDefault(record.key().defence(), ""));
            CellKey key = new CellKey(record.key().scenario(), record.key().model(), record.key().condition(), record.key().defence(), design);
            byCell.computeIfAbsent(key, k -> new ArrayList<>()).add(record);
        }
        List<Cell> cells = new ArrayList<>();
        List<JudgeAgreement> judges = new ArrayList<>();
        List<ScoreSummary> scores = new ArrayList<>();
        List<FollowUpRates> interviews = new ArrayList<>();
        byCell.forEach((key, cellRecords) -> {
            Cell cell = Cell.of(key.design(), cellRecords, vocabulary.get(key.scenario()), published.compare(cellRecords.getFirst(), builtIn), prices);
            cells.add(cell);
            judges.addAll(JudgeAgreement.of(cell, cellRecords));
            ScoreSummary.of(cell, cellRecords).ifPresent(scores::add);
            interviews.addAll(FollowUpRates.of(cell, cellRecords));
        });
        return new Report(cells, ModelUsage.of(records, prices), judges, scores, ScoreDifference.of(scores), interviews,
                defenceCells(records.stream().filter(r -> !BenignTask.isTask(r.key().condition())).toList(), limits, defences, vocabulary),
                benignCells(records.stream().filter(r -> BenignTask.isTask(r.key().condition())).toList(), limits, defences),
                MonitorCalibration.of(records.stream().filter(r -> !BenignTask.isTask(r.key().condition())).toList(), defences, vocabulary));
    }

    /** Every arm of every benign control task in the report, none first; each task's episodes pooled as its report cell pools them. */
    private static List<BenignCell> benignCells(List<EpisodeRecord> records, Map<String, String> limits, Map<String, Map<String, String>> defences) {
        record Arm(String scenario, String model, String condition, String undefended, String defence, String design) {}
        Map<Arm, List<EpisodeRecord>> byArm = new TreeMap<>(Comparator.comparing(Arm::scenario).thenComparing(Arm::model)
                .thenComparing(Arm::condition).thenComparing(Arm::undefended).thenComparing(Arm::defence, DEFENCE_ORDER)
                .thenComparing(Arm::design));
        for (EpisodeRecord r : records) {
            String limitsJson = limits.getOrDefault(r.key().runId(), "");
            String design = DesignHashes.of(r, limitsJson, defences.getOrDefault(r.key().runId(), Map.of()).getOrDefault(r.key().defence(), ""));
            byArm.computeIfAbsent(new Arm(r.key().scenario(), r.key().model(), r.key().condition(), DesignHashes.undefended(r, limitsJson),
                    r.key().defence(), design), k -> new ArrayList<>()).add(r);
        }
        List<BenignCell> out = new ArrayList<>();
        byArm.forEach((arm, armRecords) -> out.add(BenignCell.of(arm.design(), arm.undefended(), armRecords)));
        return out;
    }

    /**
     * The arms of every (scenario, model, condition, design) that ran under a defence, none first: each
     * arm's episodes pooled as its report cell pools them.
     */
    private static List<DefenceCell> defenceCells(List<EpisodeRecord> records, Map<String, String> limits, Map<String, Map<String, String>> defences,
            Map<String, OutcomeVocabulary> vocabulary) {
        record Arm(String scenario, String model, String condition, String undefended, String defence, String design) {}
        Map<Arm, List<EpisodeRecord>> byArm = new TreeMap<>(Comparator.comparing(Arm::scenario).thenComparing(Arm::model)
                .thenComparing(Arm::condition, CONDITION_ORDER).thenComparing(Arm::undefended).thenComparing(Arm::defence, DEFENCE_ORDER)
                .thenComparing(Arm::design));
        java.util.Set<String> defended = new java.util.HashSet<>();
        for (EpisodeRecord r : records) {
            String limitsJson = limits.getOrDefault(r.key().runId(), "");
            String undefended = DesignHashes.undefended(r, limitsJson);
            String design = DesignHashes.of(r, limitsJson, defences.getOrDefault(r.key().runId(), Map.of()).getOrDefault(r.key().defence(), ""));
            byArm.computeIfAbsent(new Arm(r.key().scenario(), r.key().model(), r.key().condition(), undefended, r.key().defence(), design),
                    k -> new ArrayList<>()).add(r);
            if (!r.key().undefended()) {
                defended.add(r.key().scenario() + "\0" + r.key().model() + "\0" + r.key().condition() + "\0" + undefended);
            }
        }
        List<DefenceCell> out = new ArrayList<>();
        byArm.forEach((arm, armRecords) -> {
            if (defended.contains(arm.scenario() + "\0" + arm.model() + "\0" + arm.condition() + "\0" + arm.undefended())) {
                out.add(DefenceCell.of(arm.design(), arm.undefended(), armRecords, vocabulary.get(arm.scenario())));
            }
        });
        return out;
    }

    /** The cells as one table per scenario, in the report's order, each with its scenario's vocabulary. */
    public List<ScenarioTable> tables() {
        List<ScenarioTable> tables = new ArrayList<>();
        List<Cell> current = new ArrayList<>();
        for (Cell cell : cells) {
            if (!current.isEmpty() && !current.getFirst().scenario().equals(cell.scenario())) {
                tables.add(ScenarioTable.of(current));
                current = new ArrayList<>();
            }
            current.add(cell);
        }
        if (!current.isEmpty()) {
            tables.add(ScenarioTable.of(current));
        }
        return List.copyOf(tables);
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    /** Every run with episodes in the report. */
    public SortedSet<String> runs() {
        SortedSet<String> runs = new TreeSet<>();
        cells.forEach(c -> runs.addAll(c.runs()));
        return Collections.unmodifiableSortedSet(runs);
    }

    /**
     * Whether a reader needs the run and design columns to tell cells apart: the report spans several
     * runs, or one (model, condition) has cells of several designs.
     */
    public boolean showsDesigns() {
        Map<String, Integer> designs = new LinkedHashMap<>();
        cells.forEach(c -> designs.merge(c.scenario() + "\0" + c.model() + "\0" + c.condition(), 1, Integer::sum));
        return runs().size() > 1 || designs.values().stream().anyMatch(n -> n > 1);
    }
}
