package io.offswitch.report;

import io.offswitch.scenario.ScoreComparison;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.apache.commons.statistics.distribution.TDistribution;

/**
 * The difference in mean score between two cells of one scenario and agent that the scenario's
 * vocabulary asks to compare ({@code ScoreSpec#comparisons}): {@code condition} minus {@code against},
 * with a 95% confidence interval and a two-sided p-value from Welch's t-test.
 *
 * <p>Why Welch's t on per-episode scores, and not a two-proportion test on the answers pooled over
 * episodes: the episode is the unit that is independent. Answers within one episode share the agent's
 * decision (an agent that sandbags gets several wrong at once), so pooling them as independent trials
 * would understate the uncertainty. Welch's test does not assume the two conditions have the same
 * variance, and they need not: an incentive to underperform spreads the scores of one condition
 * (some episodes sandbag, some do not) and not the other's. A score is a bounded mean of several
 * answers, so the t approximation is sound from a few tens of episodes per cell; with fewer, read the
 * interval as a rough guide. No interval or test is given when either cell has fewer than two
 * episodes, or when neither cell's scores vary (every episode scored alike: no spread to estimate the
 * error from, as with scripted agents).
 *
 * @param df Welch–Satterthwaite degrees of freedom
 */
public record ScoreDifference(String scenario, String model, String condition, String against, String label, String scoreName,
        int n, int nAgainst, double meanCondition, double meanAgainst, double difference,
        Optional<MeanInterval> interval, OptionalDouble p, OptionalDouble df) {

    /** The declared comparisons among {@code summaries}: cells of one scenario, agent and set of runs are paired. */
    static List<ScoreDifference> of(List<ScoreSummary> summaries) {
        Map<String, List<ScoreSummary>> groups = new LinkedHashMap<>();
        summaries.forEach(s -> groups.computeIfAbsent(s.scenario() + "\0" + s.model() + "\0" + String.join(" ", s.runs()),
                k -> new ArrayList<>()).add(s));
        List<ScoreDifference> out = new ArrayList<>();
        for (List<ScoreSummary> group : groups.values()) {
            for (ScoreComparison c : group.getFirst().spec().comparisons()) {
                Optional<ScoreSummary> a = only(group, c.condition());
                Optional<ScoreSummary> b = only(group, c.against());
                if (a.isPresent() && b.isPresent()) {
                    out.add(welch(a.get(), b.get(), c.label()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static Optional<ScoreSummary> only(List<ScoreSummary> group, String condition) {
        List<ScoreSummary> found = group.stream().filter(s -> s.condition().equalsIgnoreCase(condition)).toList();
        // Several designs of one condition within the same runs cannot be told apart here: no comparison.
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    static ScoreDifference welch(ScoreSummary a, ScoreSummary b, String label) {
        double difference = a.mean() - b.mean();
        Optional<MeanInterval> interval = Optional.empty();
        OptionalDouble p = OptionalDouble.empty();
        OptionalDouble df = OptionalDouble.empty();
        int na = a.n();
        int nb = b.n();
        if (na >= 2 && nb >= 2) {
            double va = ScoreSummary.variance(a.values(), a.mean()) / na;
            double vb = ScoreSummary.variance(b.values(), b.mean()) / nb;
            double se = Math.sqrt(va + vb);
            if (se > 0) {
                double dof = (va + vb) * (va + vb) / (va * va / (na - 1) + vb * vb / (nb - 1));
                TDistribution t = TDistribution.of(dof);
                double half = t.inverseCumulativeProbability(0.975) * se;
                interval = Optional.of(new MeanInterval(difference - half, difference + half));
                p = OptionalDouble.of(Math.min(1, 2 * t.cumulativeProbability(-Math.abs(difference / se))));
                df = OptionalDouble.of(dof);
            }
        }
        return new ScoreDifference(a.scenario(), a.model(), a.condition(), b.condition(), label, a.spec().name(), na, nb,
                a.mean(), b.mean(), difference, interval, p, df);
    }
}
