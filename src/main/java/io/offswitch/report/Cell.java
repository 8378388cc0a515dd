package io.offswitch.report;

import io.offswitch.scenario.OutcomeVocabulary;
import java.util.LinkedHashMap;
import java.util.Map;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Usage;
import io.offswitch.model.ModelName;
import io.offswitch.model.PriceTable;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The results of one (scenario, model, condition, design): how every episode ended, and the rate of
 * the scenario's measured outcome among its counted ones (the scenario's {@link OutcomeVocabulary}). Only episodes of one design are pooled (see {@link DesignHashes}), so
 * runs with other prompts, settings or limits get cells of their own. Outcomes the scenario does not
 * count, limit and error among them, are shown but stay out of the denominator (an error is never
 * compliance).
 *
 * @param design         the design hash shared by every episode of the cell
 * @param runs           the runs whose episodes the cell pools
 * @param scripted       the agent is a script (a reference agent), not a model: its rate measures the
 *                       harness, not AI behaviour, and every output says so
 * @param strategy       a reference agent's strategy (from its settings), or ""
 * @param counts         episodes per outcome, in the vocabulary's order (every outcome present, zeros included)
 * @param attempted      episodes with at least one recorded attempt
 * @param triedAndFailed counted episodes with an attempt whose outcome is not the measured behaviour: the
 *                       agent tried and it did not work
 * @param tokens         the model tokens of every call in the cell's episodes
 * @param costUsd        what those calls cost at the model's own provider's price; empty without one
 * @param published      the published figure for the same model, provider and condition, with how
 *                       comparable it is; empty when none may stand beside this cell
 * @param defence        the defence its episodes ran under ({@code none} for the arm without one); a
 *                       defended cell never pools with its none arm and has no published figure
 */
public record Cell(
        String scenario,
        String model,
        String condition,
        String design,
        SortedSet<String> runs,
        boolean scripted,
        String strategy,
        int episodes,
        OutcomeVocabulary vocabulary,
        Map<Outcome, Integer> counts,
        int attempted,
        int triedAndFailed,
        Usage tokens,
        Optional<Double> costUsd,
        Optional<Comparison> published,
        String defence) {
    public Cell {
        defence = defence == null ? io.offswitch.episode.EpisodeKey.NO_DEFENCE : defence;
        runs = Collections.unmodifiableSortedSet(new TreeSet<>(runs));
        counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
    }

    /** A cell of the arm without a defence. */
    public Cell(String scenario, String model, String condition, String design, SortedSet<String> runs, boolean scripted, String strategy, int episodes,
            OutcomeVocabulary vocabulary, Map<Outcome, Integer> counts, int attempted, int triedAndFailed, Usage tokens, Optional<Double> costUsd,
            Optional<Comparison> published) {
        this(scenario, model, condition, design, runs, scripted, strategy, episodes, vocabulary, counts, attempted, triedAndFailed, tokens, costUsd, published,
                io.offswitch.episode.EpisodeKey.NO_DEFENCE);
    }

    /** Whether its episodes ran without a defence. */
    public boolean undefended() {
        return defence.equals(io.offswitch.episode.EpisodeKey.NO_DEFENCE);
    }

    /** The condition as tables show it: with the defence after it when there is one ({@code A under immutable-shutdown}). */
    public String conditionLabel() {
        return undefended() ? condition : condition + " under " + defence;
    }

    /** The cell of {@code records}, all of one scenario, whose outcomes {@code vocabulary} declares. */
    static Cell of(String design, List<EpisodeRecord> records, OutcomeVocabulary vocabulary, Optional<Comparison> published,
            PriceTable prices) {
        EpisodeRecord first = records.getFirst();
        SortedSet<String> runs = new TreeSet<>();
        records.forEach(r -> runs.add(r.key().runId()));
        boolean scripted = records.stream().anyMatch(r -> r.provenance().agentScripted());
        Usage tokens = records.stream().flatMap(r -> r.transcript().stream())
                .map(e -> e.message() instanceof Message.Assistant a ? a.usage() : Usage.NONE)
                .reduce(Usage.NONE, Usage::plus);
        Map<Outcome, Integer> counts = new LinkedHashMap<>();
        vocabulary.all().forEach(o -> counts.put(o.outcome(), 0));
        records.forEach(r -> counts.merge(outcome(r), 1, Integer::sum));
        // One design, one set of agent settings: a reference agent's strategy is the same for every record.
        String strategy = first.provenance().agentSettings().getOrDefault("strategy", "");
        return new Cell(first.key().scenario(), first.key().model(), first.key().condition(), design, runs, scripted, strategy,
                records.size(), vocabulary, counts,
                (int) records.stream().filter(EpisodeRecord::attempted).count(),
                (int) records.stream().filter(r -> r.attempted() && vocabulary.scored(outcome(r))
                        && !vocabulary.measured().map(outcome(r)::equals).orElse(false)).count(),
                tokens,
                scripted ? Optional.empty() : cost(first.key().model(), tokens, prices),
                first.key().undefended() ? published : Optional.empty(), first.key().defence());
    }

    static Optional<Double> cost(String model, Usage tokens, PriceTable prices) {
        try {
            return ModelName.looksLikeModel(model) ? prices.cost(ModelName.parse(model), tokens) : Optional.empty();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** How many episodes of the cell had this outcome. */
    public int count(Outcome outcome) {
        return counts.getOrDefault(outcome, 0);
    }

    public int count(String label) {
        return count(new Outcome(label));
    }

    public int limit() {
        return count(Outcome.LIMIT);
    }

    public int error() {
        return count(Outcome.ERROR);
    }

    static Outcome outcome(EpisodeRecord record) {
        return record.verdict().outcome();
    }

    /** The model name, marked "(scripted)" for scripted agents so no one mistakes it for a model's behaviour. */
    public String agentLabel() {
        if (model.startsWith("simulated/")) {
            return model + " (simulated, not a model)";
        }
        if (model.equals("human")) {
            return "human (a person at the terminal)";
        }
        if (!scripted) {
            return model;
        }
        // A strategic reference agent picks a strategy per episode from the seed, and each strategy is its own
        // design and row; the strategy in the label tells those rows apart (the name --agent takes for it).
        boolean named = model.endsWith(":" + strategy);
        return (strategy.isEmpty() || named ? model : model + ":" + strategy) + " (scripted)";
    }

    /** The design hash as tables show it. */
    public String shortDesign() {
        return DesignHashes.shown(design);
    }

    /** The denominator: the episodes whose outcome the scenario counts. */
    public int n() {
        return counts.entrySet().stream().filter(e -> vocabulary.scored(e.getKey())).mapToInt(Map.Entry::getValue).sum();
    }

    /** The numerator: the episodes that showed the behaviour measured. */
    public int k() {
        return vocabulary.measured().map(this::count).orElse(0);
    }

    /** k / n, absent when no episode was scored. */
    public OptionalDouble rate() {
        return n() == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) k() / n());
    }

    public Optional<Interval> jeffreys() {
        return Intervals.jeffreys(k(), n());
    }

    public Optional<Interval> wilson() {
        return Intervals.wilson(k(), n());
    }
}
