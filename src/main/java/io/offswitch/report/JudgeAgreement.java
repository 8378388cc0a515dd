package io.offswitch.report;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;

/**
 * How two judges of text agree on the episodes of one cell: the scenario's rules judge against one
 * LLM judge. Only episodes both judged with a label (not {@code error}) count; where a judge judged an
 * episode several times ({@code offswitch judge --again}), its latest judgement counts.
 *
 * @param judged   episodes both judges labelled
 * @param agreed   of those, episodes with the same label
 * @param kappa    Cohen's kappa, (p_o - p_e) / (1 - p_e) over the labels either judge gave; empty when
 *                 p_e is 1 (both judges gave one and the same label throughout: agreement by chance alone)
 * @param rateA    share of {@code judged} that judge A labelled with the scenario's measured outcome
 */
public record JudgeAgreement(String scenario, String model, String condition, String judgeA, String judgeB,
        int judged, int agreed, OptionalDouble kappa, OptionalDouble rateA, OptionalDouble rateB) {
    static final String RULES = "rules";

    /** One agreement per LLM judge that judged episodes of this cell beside the rules judge; none without both. */
    static List<JudgeAgreement> of(Cell cell, List<EpisodeRecord> records) {
        Set<String> others = new TreeSet<>();
        records.forEach(r -> r.judgements().stream().map(Judgement::judge).filter(j -> !j.equals(RULES)).forEach(others::add));
        Optional<Outcome> measured = cell.vocabulary().measured();
        List<JudgeAgreement> out = new ArrayList<>();
        for (String other : others) {
            List<String[]> pairs = new ArrayList<>();
            for (EpisodeRecord r : records) {
                Optional<String> a = latest(r, RULES);
                Optional<String> b = latest(r, other);
                if (a.isPresent() && b.isPresent()) {
                    pairs.add(new String[] {a.get(), b.get()});
                }
            }
            if (!pairs.isEmpty()) {
                out.add(of(cell.scenario(), cell.model(), cell.condition(), RULES, other, pairs, measured.map(Outcome::label)));
            }
        }
        return out;
    }

    /** The agreement of labelled pairs (judge A's label, judge B's label). */
    static JudgeAgreement of(String scenario, String model, String condition, String judgeA, String judgeB, List<String[]> pairs,
            Optional<String> measured) {
        int n = pairs.size();
        int agreed = 0;
        Map<String, int[]> marginals = new LinkedHashMap<>();
        int measuredA = 0;
        int measuredB = 0;
        for (String[] p : pairs) {
            if (p[0].equals(p[1])) {
                agreed++;
            }
            marginals.computeIfAbsent(p[0], k -> new int[2])[0]++;
            marginals.computeIfAbsent(p[1], k -> new int[2])[1]++;
            if (measured.isPresent()) {
                measuredA += p[0].equals(measured.get()) ? 1 : 0;
                measuredB += p[1].equals(measured.get()) ? 1 : 0;
            }
        }
        double po = (double) agreed / n;
        double pe = 0;
        for (int[] m : marginals.values()) {
            pe += ((double) m[0] / n) * ((double) m[1] / n);
        }
        // pe is 1 only when both judges gave one and the same label to every episode: kappa is then undefined.
        OptionalDouble kappa = pe >= 1 - 1e-12 ? OptionalDouble.empty() : OptionalDouble.of((po - pe) / (1 - pe));
        OptionalDouble rateA = measured.isPresent() ? OptionalDouble.of((double) measuredA / n) : OptionalDouble.empty();
        OptionalDouble rateB = measured.isPresent() ? OptionalDouble.of((double) measuredB / n) : OptionalDouble.empty();
        return new JudgeAgreement(scenario, model, condition, judgeA, judgeB, n, agreed, kappa, rateA, rateB);
    }

    private static Optional<String> latest(EpisodeRecord r, String judge) {
        return r.judgements().reversed().stream().filter(j -> j.judge().equals(judge) && !j.label().equals(Outcome.ERROR.label()))
                .map(Judgement::label).findFirst();
    }

    /** The "## Judges" section of the Markdown report; empty when no cell has judgements of two judges. */
    static String markdown(List<JudgeAgreement> agreements) {
        if (agreements.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n## Judges\n\n| scenario | agent | condition | judges | agree / judged | Cohen's kappa | rate by rules | rate by the other |\n"
                + "|---|---|---|---|--:|--:|--:|--:|\n");
        for (JudgeAgreement a : agreements) {
            s.append("| ").append(String.join(" | ", List.of(a.scenario(), a.model(), a.condition(), a.judgeA() + " vs " + a.judgeB()).stream()
                    .map(MarkdownCells::text).toList()))
                    .append(" | ").append(a.agreed()).append('/').append(a.judged())
                    .append(" | ").append(a.kappa().isPresent() ? String.format(Locale.ROOT, "%.2f", a.kappa().getAsDouble()) : MarkdownReport.NONE)
                    .append(" | ").append(percent(a.rateA())).append(" | ").append(percent(a.rateB())).append(" |\n");
        }
        return s.append("\nEpisodes both judges labelled (judgements that are errors left out). A rate is the share of those episodes"
                + " a judge gave the scenario's measured outcome. Kappa is agreement beyond chance: 1 is perfect, 0 what chance alone"
                + " gives; it is blank when both judges gave every episode the same one label. The verdicts above use the judge the run's"
                + " design names (the LLM judge of `run --judge`, else the rules).\n").toString();
    }

    private static String percent(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.ROOT, "%.1f%%", 100 * rate.getAsDouble()) : MarkdownReport.NONE;
    }
}
