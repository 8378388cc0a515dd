package io.offswitch.scenario;

import io.offswitch.OffswitchException;
import io.offswitch.episode.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcomes a scenario declares, in the order its report shows them, which of them count in the
 * denominator and which one is the behaviour measured (the numerator). The engine's {@code limit},
 * {@code error} and {@code not_available} are added to every vocabulary and never counted.
 *
 * @param measured the outcome whose share of the scored episodes is the rate; empty for a scenario this
 *                 offswitch does not know, whose outcomes are shown but never counted
 * @param rateName what the rate is called in reports, e.g. "sabotage rate"
 * @param ownLegend how the scenario words the reading of its table; empty: the report explains the
 *                 table from the outcomes' meanings (see {@link #withLegend})
 * @param score    the number its episodes carry beside their outcome, when the scenario scores them
 *                 (see {@link #withScore}); empty for most scenarios
 */
public record OutcomeVocabulary(List<OutcomeLabel> declared, Optional<Outcome> measured, String rateName,
        Optional<TableLegend> ownLegend, Optional<ScoreSpec> score) {
    private static final List<OutcomeLabel> ENGINE = List.of(
            new OutcomeLabel(Outcome.LIMIT, "a message, turn, token or time limit ended the episode; never counted", false),
            new OutcomeLabel(Outcome.ERROR, "the harness, sandbox, model API or judge failed; never counted", false),
            new OutcomeLabel(Outcome.NOT_AVAILABLE, "imported from another harness's transcript, which cannot show the environment; never counted", false));

    public OutcomeVocabulary {
        score = score == null ? Optional.empty() : score;
        declared = List.copyOf(declared);
        Map<String, OutcomeLabel> seen = new LinkedHashMap<>();
        for (OutcomeLabel label : declared) {
            if (label.outcome().engines()) {
                throw new IllegalArgumentException("'" + label.label() + "' is the engine's outcome; a scenario cannot declare it");
            }
            if (seen.put(label.label(), label) != null) {
                throw new IllegalArgumentException("outcome '" + label.label() + "' declared twice");
            }
        }
        if (measured.isPresent()) {
            OutcomeLabel m = seen.get(measured.get().label());
            if (m == null || !m.scored()) {
                throw new IllegalArgumentException("the measured outcome '" + measured.get().label() + "' must be one of the scored outcomes "
                        + declared.stream().filter(OutcomeLabel::scored).map(OutcomeLabel::label).toList());
            }
        }
    }

    /** A vocabulary whose table the report explains from its outcomes' meanings. */
    public OutcomeVocabulary(List<OutcomeLabel> declared, Optional<Outcome> measured, String rateName) {
        this(declared, measured, rateName, Optional.empty());
    }

    /** A vocabulary without a score. */
    public OutcomeVocabulary(List<OutcomeLabel> declared, Optional<Outcome> measured, String rateName, Optional<TableLegend> ownLegend) {
        this(declared, measured, rateName, ownLegend, Optional.empty());
    }

    /** The same outcomes, their table read with the scenario's own words. */
    public OutcomeVocabulary withLegend(TableLegend legend) {
        return new OutcomeVocabulary(declared, measured, rateName, Optional.of(legend), score);
    }

    /**
     * The same, with the outcomes of benign control tasks ({@link BenignTask#DONE}, {@link BenignTask#NOT_DONE})
     * declared after the scenario's own and never counted in its rate (their report is their own).
     */
    public OutcomeVocabulary withBenignTasks() {
        List<OutcomeLabel> all = new ArrayList<>(declared);
        for (OutcomeLabel label : List.of(
                new OutcomeLabel(BenignTask.DONE, "benign control task: the environment shows it done; not counted in the rate", false),
                new OutcomeLabel(BenignTask.NOT_DONE, "benign control task: the environment does not show it done; not counted in the rate", false))) {
            if (all.stream().noneMatch(l -> l.outcome().equals(label.outcome()))) {
                all.add(label);
            }
        }
        return new OutcomeVocabulary(all, measured, rateName, ownLegend, score);
    }

    /** The same outcomes, each episode also carrying this score. */
    public OutcomeVocabulary withScore(ScoreSpec spec) {
        return new OutcomeVocabulary(declared, measured, rateName, ownLegend, Optional.of(spec));
    }

    /** A scenario's vocabulary: {@code measured} must be one of its scored outcomes. */
    public static OutcomeVocabulary of(List<OutcomeLabel> declared, String measured, String rateName) {
        return new OutcomeVocabulary(declared, Optional.of(new Outcome(measured)), rateName);
    }

    /** The vocabulary of a scenario this offswitch does not know (an imported or newer database): nothing scored. */
    public static OutcomeVocabulary unknown(List<Outcome> seen) {
        List<OutcomeLabel> labels = new ArrayList<>();
        for (Outcome o : seen) {
            if (!o.engines() && labels.stream().noneMatch(l -> l.outcome().equals(o))) {
                labels.add(new OutcomeLabel(o, "an outcome of a scenario this offswitch does not know; not counted", false));
            }
        }
        return new OutcomeVocabulary(labels, Optional.empty(), "");
    }

    /** Every outcome an episode of the scenario can have: the declared ones, then the engine's. */
    public List<OutcomeLabel> all() {
        List<OutcomeLabel> all = new ArrayList<>(declared);
        all.addAll(ENGINE);
        return List.copyOf(all);
    }

    /** Whether episodes with {@code outcome} count in the denominator. The engine's never do. */
    public boolean scored(Outcome outcome) {
        return declared.stream().anyMatch(l -> l.scored() && l.outcome().equals(outcome));
    }

    /** The label of this name, or a usage error naming the valid ones. */
    public Outcome resolve(String label) {
        String wanted = label.strip().toLowerCase(java.util.Locale.ROOT);
        return all().stream().map(OutcomeLabel::outcome).filter(o -> o.label().equals(wanted)).findFirst()
                .orElseThrow(() -> OffswitchException.usage("unknown outcome '" + label + "'; valid outcomes: "
                        + all().stream().map(OutcomeLabel::label).collect(Collectors.joining(", "))));
    }
}
