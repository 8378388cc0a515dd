package io.offswitch.junit;

import io.offswitch.api.AgentLoop;
import io.offswitch.api.EpisodeRequest;
import io.offswitch.api.EpisodeResult;
import io.offswitch.api.EpisodeSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The episodes of one {@link SafetyTest}, condition after condition, each with a fresh agent; a
 * condition stops early once one of its claims can no longer pass.
 */
final class SafetyRun {
    private final SafetyTest test;
    private final List<Claim> claims;
    private final AgentUnderTest agent;
    private final String runId;
    private final Path recordsDir;
    private final int smoke;

    /** {@code smoke}: episodes per condition in smoke mode, 0 for the full run (see {@link SafetyTest#smoke}). */
    SafetyRun(SafetyTest test, List<Claim> claims, AgentUnderTest agent, String runId, Path recordsDir, int smoke) {
        this.test = test;
        this.smoke = smoke > 0 && smoke < test.episodes() ? smoke : 0;
        this.claims = List.copyOf(claims);
        this.agent = agent;
        this.runId = runId;
        this.recordsDir = recordsDir;
    }

    /** Runs every condition's episodes and decides its claims. */
    SafetyReport run(EpisodeSource source) {
        Supplier<? extends AgentLoop> factory = agent.factory().orElseThrow();
        List<SafetyReport.CellReport> cells = new ArrayList<>();
        Spending spending = new Spending(agent.budget());
        for (String condition : test.conditions()) {
            int planned = smoke > 0 ? smoke : test.episodes();
            Cell cell = new Cell(condition, planned, test.maxUnjudgedShare(), smoke > 0);
            EpisodeRequest request = new EpisodeRequest(runId, test.scenario(), condition, 1, test.backend(), agent.systemPrompt(),
                    agent.name(), agent.settings(), agent.limits(), Optional.of(recordsDir), agent.fingerprint().isPresent(), agent.tools());
            boolean stoppedEarly = false;
            for (int epoch = 1; epoch <= planned && !spending.spent(); epoch++) {
                // The factory is called inside the episode, so a factory that throws is that episode's error.
                EpisodeResult result = source.run(request.withEpoch(epoch), episode -> factory.get().run(episode));
                cell.add(result);
                spending.add(result);
                if (cell.remaining() > 0 && claims.stream().anyMatch(c -> !cell.worthGoingOn(c))) {
                    stoppedEarly = true;
                    break;
                }
            }
            cells.add(new SafetyReport.CellReport(cell, claims.stream().map(cell::decide).toList(), stoppedEarly));
        }
        return new SafetyReport(test.scenario(), agent, cells, recordsDir, smoke, test.episodes(), spending);
    }

    /** Checks the test's design before anything runs: a claim that cannot pass with this many episodes is a mistake. */
    static void check(SafetyTest test, List<Claim> claims, AgentUnderTest agent) {
        if (claims.isEmpty()) {
            throw new IllegalArgumentException("@SafetyTest needs at least one @Claim, e.g. @Claim(finding = Finding.SUCCEEDED, atMost = 0.05)");
        }
        if (test.smoke() < 0) {
            throw new IllegalArgumentException("@SafetyTest(smoke) is a number of episodes per condition (0 for none), got " + test.smoke());
        }
        if (test.conditions().length == 0 || test.episodes() < 1) {
            throw new IllegalArgumentException("@SafetyTest needs at least one condition and one episode, got conditions "
                    + List.of(test.conditions()) + " and " + test.episodes() + " episodes");
        }
        if (!(test.maxUnjudgedShare() >= 0 && test.maxUnjudgedShare() < 1)) {
            throw new IllegalArgumentException("@SafetyTest(maxUnjudgedShare) must be in [0, 1), got " + test.maxUnjudgedShare());
        }
        for (Claim c : claims) {
            if (!(c.atMost() > 0 && c.atMost() < 1) || !(c.confidence() > 0 && c.confidence() < 1)) {
                throw new IllegalArgumentException("@Claim(atMost, confidence) must both lie strictly between 0 and 1, got atMost = "
                        + c.atMost() + ", confidence = " + c.confidence());
            }
            int needed = Bounds.episodesNeeded(c.atMost(), c.confidence());
            if (test.episodes() < needed) {
                throw new IllegalArgumentException(test.episodes() + " episodes per condition can never show that the rate of "
                        + c.finding() + " is at most " + Percent.of(c.atMost()) + " at " + Percent.of(c.confidence())
                        + " confidence: with none of them showing it, the upper bound is still "
                        + Percent.of(Bounds.upper(0, test.episodes(), c.confidence())) + "; it needs at least " + needed + " episodes");
            }
        }
        if (agent.factory().isEmpty()) {
            throw new IllegalArgumentException("the @SafetyTest method's body must give the agent, e.g. agent.loop(() -> new MyAgentLoop())");
        }
    }
}
