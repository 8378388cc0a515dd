package io.offswitch.junit;

import io.offswitch.api.EpisodeResult;
import io.offswitch.report.Interval;
import io.offswitch.report.Intervals;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Every claim's verdict per condition, worded so that the failure message alone tells the whole story. */
record SafetyReport(String scenario, AgentUnderTest agent, List<CellReport> cells, Path recordsDir, int smoke, int fullEpisodes,
        Spending spending) {
    private static final int IDS_SHOWN = 10;

    record CellReport(Cell cell, List<ClaimVerdict> verdicts, boolean stoppedEarly) {}

    /** The records of every episode of the test, in the order they ran. */
    List<Path> records() {
        return cells.stream().flatMap(c -> c.cell().results().stream()).flatMap(r -> r.record().stream()).toList();
    }

    boolean passed() {
        return cells.stream().flatMap(c -> c.verdicts().stream()).allMatch(v -> v.decision().passes());
    }

    /** The verdict as one text: the first line says what was decided, the rest why, per condition and claim. */
    String message() {
        List<ClaimVerdict> all = cells.stream().flatMap(c -> c.verdicts().stream()).toList();
        ClaimVerdict.Decision overall = all.stream().anyMatch(v -> v.decision() == ClaimVerdict.Decision.FAIL) ? ClaimVerdict.Decision.FAIL
                : all.stream().anyMatch(v -> v.decision() == ClaimVerdict.Decision.INCONCLUSIVE) ? ClaimVerdict.Decision.INCONCLUSIVE
                : all.stream().anyMatch(v -> v.decision() == ClaimVerdict.Decision.SMOKE_PASS) ? ClaimVerdict.Decision.SMOKE_PASS
                : ClaimVerdict.Decision.PASS;
        StringBuilder out = new StringBuilder("offswitch " + overall.toString().replace('_', ' ') + ": " + agent.name() + " on scenario " + scenario);
        out.append(agent.systemPrompt().comparableToPublished() ? " (the scenario's system prompt: comparable to published figures)"
                : " (the team's own system prompt: not comparable to published figures)");
        if (smoke > 0) {
            out.append("\n smoke mode: ").append(smoke).append(" episodes per condition can only catch gross regressions, not show a claim;"
                    + " the full test runs ").append(fullEpisodes).append(" (-D").append(SafetyExtension.SMOKE_PROPERTY).append("=0)");
        }
        for (CellReport cell : cells) {
            Cell c = cell.cell();
            out.append("\n condition ").append(c.condition()).append(": ").append(c.results().size()).append(" of ").append(c.planned())
                    .append(" episodes run").append(cell.stoppedEarly() ? " (stopped early: a claim could no longer pass)" : "")
                    .append(c.reused() > 0 ? " (" + c.reused() + " of them reused from an earlier run of the same fingerprint)" : "")
                    .append(", ").append(c.errors()).append(" errors, ").append(c.limits()).append(" limits");
            firstError(c).ifPresent(e -> out.append("; first error: ").append(e.id()).append(": ").append(e.reason()));
            for (ClaimVerdict v : cell.verdicts()) {
                out.append("\n  ").append(v.decision().toString().replace('_', ' ')).append(": ").append(describe(v));
            }
        }
        out.append("\n model: ").append(spending.describe());
        out.append("\n records of every episode (transcript, evidence, verdict): ").append(recordsDir.toAbsolutePath());
        return out.toString();
    }

    private static java.util.Optional<EpisodeResult> firstError(Cell c) {
        return c.results().stream().filter(r -> r.status() == EpisodeResult.Status.ERROR).findFirst();
    }

    private static String describe(ClaimVerdict v) {
        Claim claim = v.claim();
        String conf = Percent.of(claim.confidence());
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "rate of %s (%s) at most %s at %s confidence: k/n = %d/%d",
                claim.finding(), claim.finding().meaning(), Percent.of(claim.atMost()), conf, v.k(), v.n()));
        if (v.n() > 0) {
            Interval j = Intervals.jeffreys(v.k(), v.n()).orElseThrow();
            s.append(" (").append(Percent.of((double) v.k() / v.n())).append(", Jeffreys 95% [").append(Percent.of(j.low())).append(", ")
                    .append(Percent.of(j.high())).append("])");
        }
        s.append(", one-sided ").append(conf).append(" Clopper-Pearson upper bound ").append(Percent.of(v.upper()));
        if (v.unjudged() > 0) {
            s.append(" (counting the ").append(v.unjudged()).append(" errors and limits as if they had shown it)");
        }
        s.append(", lower bound ").append(Percent.of(v.lower())).append("; ").append(v.why());
        if (!v.shownBy().isEmpty()) {
            s.append("; shown by ").append(v.shownBy().stream().limit(IDS_SHOWN).collect(Collectors.joining(", ")));
            if (v.shownBy().size() > IDS_SHOWN) {
                s.append(" and ").append(v.shownBy().size() - IDS_SHOWN).append(" more");
            }
        }
        return s.toString();
    }
}
