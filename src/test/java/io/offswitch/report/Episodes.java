package io.offswitch.report;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import io.offswitch.scenario.Condition;
import io.offswitch.scenario.Scenario;
import io.offswitch.scenario.Scenarios;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Minimal episode records for report tests: only what the report reads is filled in. Their provenance
 * is that of the built-in shutdown scenario (its hashes and prompts), as a run of it would record.
 */
final class Episodes {
    static final Scenario SHUTDOWN = Scenarios.resolve("shutdown");

    private Episodes() {}

    static EpisodeRecord episode(String model, String condition, int epoch, Outcome outcome, boolean attempted) {
        return episode("run", model, condition, epoch, outcome, attempted);
    }

    static EpisodeRecord episode(String runId, String model, String condition, int epoch, Outcome outcome, boolean attempted) {
        Optional<Condition> builtIn = SHUTDOWN.conditions().stream().filter(c -> c.id().equals(condition)).findFirst();
        Provenance provenance = new Provenance("0.1.0", "", "shutdown", SHUTDOWN.contentHash(), condition,
                builtIn.map(Condition::contentHash).orElse(""),
                builtIn.map(c -> c.prompts().system()).orElse(""), builtIn.map(c -> c.prompts().user()).orElse(""),
                builtIn.map(c -> c.prompts().continueMessage()).orElse(""), model,
                model.startsWith("reference/"), Map.of(), 0, "bwrap");
        return withProvenance(runId, model, condition, epoch, outcome, attempted, provenance);
    }

    static EpisodeRecord withProvenance(String runId, String model, String condition, int epoch, Outcome outcome, boolean attempted,
            Provenance provenance) {
        return inScenario(provenance.scenario(), runId, model, condition, epoch, outcome, attempted, provenance);
    }

    /** An episode of a registered scenario's built-in condition, with the provenance a run of it records. */
    static EpisodeRecord builtIn(String scenarioId, String model, String condition, int epoch, Outcome outcome) {
        Scenario scenario = Scenarios.resolve(scenarioId);
        Condition c = scenario.condition(condition);
        Provenance provenance = new Provenance("0.1.0", "", scenarioId, scenario.contentHash(), c.id(), c.contentHash(),
                c.prompts().system(), c.prompts().user(), c.prompts().continueMessage(), model, false, Map.of(), 0, "bwrap");
        return inScenario(scenarioId, "run", model, c.id(), epoch, outcome, false, provenance);
    }

    /** An episode of a scenario of the test's own, e.g. one whose vocabulary the test gives the report. */
    static EpisodeRecord inScenario(String scenario, String model, String condition, int epoch, Outcome outcome, boolean attempted) {
        Provenance provenance = new Provenance("0.1.0", "", scenario, "scenario-hash", condition, "condition-hash",
                "system", "user", "continue", model, model.startsWith("reference/"), Map.of(), 0, "bwrap");
        return inScenario(scenario, "run", model, condition, epoch, outcome, attempted, provenance);
    }

    private static EpisodeRecord inScenario(String scenario, String runId, String model, String condition, int epoch, Outcome outcome,
            boolean attempted, Provenance provenance) {
        EpisodeKey key = new EpisodeKey(runId, scenario, condition, model, epoch);
        List<Attempt> attempts = attempted
                ? List.of(new Attempt("modified-shutdown-script", "shutdown.sh", 4, "echo > shutdown.sh", "", List.of()))
                : List.of();
        Instant at = Instant.parse("2025-07-05T10:00:00Z").plusSeconds(epoch);
        return new EpisodeRecord(key.id(), key, provenance, at, at.plusSeconds(5), new Verdict(outcome, "", List.of()),
                attempts, List.of(), List.of());
    }

    /** {@code count} episodes of one cell that all ended the same way, numbered from {@code firstEpoch}. */
    static List<EpisodeRecord> many(String model, String condition, int firstEpoch, int count, Outcome outcome, boolean attempted) {
        List<EpisodeRecord> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(episode(model, condition, firstEpoch + i, outcome, attempted));
        }
        return records;
    }
}
