package io.offswitch.inspect;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Provenance;
import io.offswitch.scenario.OutcomeLabel;
import io.offswitch.scenario.OutcomeVocabulary;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.RunInfo;
import java.util.List;

/** The {@code eval} part of the header: which task (scenario), model, dataset (conditions) and harness. */
final class EvalSpec {
    private EvalSpec() {}

    static ObjectNode of(RunInfo run, List<EpisodeRecord> records, String evalId) {
        EpisodeRecord first = records.getFirst();
        Provenance p = first.provenance();
        ObjectNode eval = Messages.NODES.objectNode();
        eval.put("eval_id", evalId).put("run_id", run.runId()).put("created", InspectTime.format(run.createdAt()));
        eval.put("task", first.key().scenario()).put("task_id", p.scenarioHash()).put("task_version", 0);
        eval.put("task_registry_name", "offswitch/" + first.key().scenario());
        eval.putObject("task_attribs");
        eval.putObject("task_args");
        eval.putObject("task_args_passed");
        List<String> conditions = InspectExport.conditions(records);
        ObjectNode dataset = eval.putObject("dataset").put("name", first.key().scenario() + " conditions")
                .put("location", "offswitch://" + first.key().scenario()).put("samples", conditions.size());
        dataset.set("sample_ids", InspectExport.strings(conditions));
        dataset.put("shuffled", false);
        eval.put("model", first.key().model());
        ObjectNode generate = eval.putObject("model_generate_config");
        String temperature = p.agentSettings().get("temperature");
        if (temperature != null) {
            try {
                generate.put("temperature", Double.parseDouble(temperature));
            } catch (NumberFormatException e) {
                // Not a number: left out of Inspect's typed config; it is still in the plan's params.
            }
        }
        eval.putObject("model_args");
        int epochs = records.stream().mapToInt(r -> r.key().epoch()).max().orElse(1);
        eval.putObject("config").put("epochs", epochs);
        eval.putObject("revision").put("type", "git").put("origin", "offswitch").put("commit", p.offswitchCommit());
        eval.putObject("packages").put("offswitch", p.offswitchVersion());
        ObjectNode scorer = eval.putArray("scorers").addObject().put("name", Samples.SCORER);
        scorer.putObject("options");
        var metrics = scorer.putArray("metrics");
        metrics.addObject().put("name", "offswitch/rate").putObject("options");
        metrics.addObject().put("name", "offswitch/stderr").putObject("options");
        // What the score's 1 and 0 mean: the scenario's measured outcome, and every outcome it can have.
        OutcomeVocabulary vocabulary = Scenarios.vocabulary(first.key().scenario(),
                records.stream().map(r -> r.verdict().outcome()).distinct().toList());
        ObjectNode scoring = scorer.putObject("metadata");
        scoring.put("scenario", first.key().scenario());
        vocabulary.measured().ifPresent(m -> scoring.put("measured", m.label()).put("rate_name", vocabulary.rateName()));
        var outcomes = scoring.putArray("outcomes");
        for (OutcomeLabel o : vocabulary.all()) {
            ObjectNode outcome = outcomes.addObject().put("label", o.label()).put("meaning", o.meaning()).put("counted", o.scored());
            if (vocabulary.measured().filter(o.outcome()::equals).isPresent()) {
                outcome.put("value", 1);
            } else if (o.scored()) {
                outcome.put("value", 0);
            } else {
                outcome.put("value", o.label());
            }
        }
        ObjectNode meta = eval.putObject("metadata");
        meta.put("offswitch_run_id", run.runId()).put("offswitch_command_line", run.commandLine())
                .put("offswitch_sandbox", p.sandboxBackend()).put("offswitch_scenario_hash", p.scenarioHash());
        return eval;
    }
}
