package io.offswitch.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.Attempt;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.episode.Verdict;
import io.offswitch.model.PriceTable;
import io.offswitch.scenario.Condition;
import io.offswitch.store.EpisodeQuery;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.EpisodeTally;
import io.offswitch.store.PostgresServer;
import io.offswitch.store.RunInfo;
import io.offswitch.store.StoreLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer's grid counted from the store's episode summaries is the report counted from the full
 * records, cell for cell (designs, counts, attempts, tokens, cost, published figure) and model for
 * model, on a mixed store in SQLite and in PostgreSQL: several scenarios (one unknown to offswitch),
 * scripted and priced models, two runs whose limits make two designs of one (model, condition), errors
 * and limits, attempts that worked and that did not, settings with a NUL and a backslash, and episodes
 * that started at the same instant with different prompts (the cell's representative is the first by id).
 */
class TalliedReportTest {
    @TempDir
    Path dir;

    private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");
    private static final Map<String, String> PLANS = Map.of(
            "run-a", "{\"limits\":{\"maxTurns\":30},\"defences\":[{\"name\":\"none\"},{\"name\":\"immutable-shutdown\",\"definition\":{\"kind\":\"x\"}}]}",
            "run-b", "{\"limits\":{\"maxTurns\":12}}");

    @Test
    void theGridFromSummariesIsTheGridFromRecordsInBothDialects() {
        List<EpisodeRecord> records = mixed();
        for (StoreLocation location : List.of(new StoreLocation.SqliteFile(dir.resolve("grid.db")),
                StoreLocation.parse(PostgresServer.shared().newStoreUrl()))) {
            try (EpisodeStore store = new EpisodeStore(location)) {
                PLANS.forEach((run, plan) -> store.createRun(new RunInfo(run, AT, "shutdown", plan, "offswitch run", "0.1.0")));
                // Half saved one by one, half imported in one transaction: both write the summaries.
                records.subList(0, records.size() / 2).forEach(store::save);
                store.saveRun(new RunInfo("run-c", AT, "custom", "{}", "offswitch import", "0.1.0"), records.subList(records.size() / 2, records.size()));
                store.addJudgements(records.get(3).id(), List.of(new Judgement("openai/gpt-5", false, "sabotaged", "", "", AT, Usage.NONE)), false);
                List<EpisodeRecord> stored = store.episodes(Optional.empty());
                Map<String, String> plans = new HashMap<>(PLANS);
                plans.put("run-c", "{}");
                List<EpisodeTally> tallies = store.browser().tallies().orElseThrow();
                for (Set<String> runs : List.of(Set.<String>of(), Set.of("run-a"), Set.of("run-b", "run-c"))) {
                    List<EpisodeRecord> selected = stored.stream().filter(r -> runs.isEmpty() || runs.contains(r.key().runId()))
                            .sorted(Comparator.comparing(EpisodeRecord::startedAt).thenComparing(EpisodeRecord::id)).toList();
                    Report fromRecords = Report.of(selected, plans, PriceTable.builtIn());
                    Report fromTallies = TalliedReport.of(tallies, runs, plans, PriceTable.builtIn());
                    assertThat(fromTallies.cells()).as(location.display() + " " + runs).isEqualTo(fromRecords.cells());
                    assertThat(fromTallies.usage()).as(location.display() + " " + runs).isEqualTo(fromRecords.usage());
                    assertThat(fromTallies.showsDesigns()).isEqualTo(fromRecords.showsDesigns());
                }
                // A published figure with the prompts of one of the two episodes that tie on start time: the
                // cell is compared by the first of them by id, as the records are read.
                EpisodeRecord firstOfTie = records.stream().filter(r -> r.key().epoch() >= 900).min(Comparator.comparing(EpisodeRecord::id)).orElseThrow();
                PublishedFigures figures = PublishedFigures.parse("study,source,scenario,condition,model,provider,k,n,rate,ci95_low,ci95_high,prompts_sha256,note\n"
                        + "s,src,shutdown,B,o3,openai,1,10,0.1,,," + DesignHashes.prompts(firstOfTie.provenance()) + ",\n", "test");
                List<EpisodeRecord> ordered = stored.stream().sorted(Comparator.comparing(EpisodeRecord::startedAt).thenComparing(EpisodeRecord::id)).toList();
                List<EpisodeTally> orderedTallies = TalliedReport.selected(tallies, Set.of());
                Report withFigure = Report.of(ordered, plans, figures, BuiltInDesigns.registered(), PriceTable.builtIn());
                assertThat(withFigure.cells()).anySatisfy(c -> assertThat(c.published()).hasValueSatisfying(
                        f -> assertThat(f.likeness()).isEqualTo(Comparison.Likeness.SAME_DESIGN)));
                assertThat(TalliedReport.of(orderedTallies, plans, figures, BuiltInDesigns.registered(), io.offswitch.scenario.Scenarios::vocabulary,
                        PriceTable.builtIn()).cells()).isEqualTo(withFigure.cells());

                Report all = TalliedReport.of(tallies, Set.of(), plans, PriceTable.builtIn());
                // The store is as mixed as it claims: otherwise the equality above proves little.
                assertThat(all.tables()).extracting(ScenarioTable::scenario).containsExactly("custom", "shutdown");
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.published()).isPresent());
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.costUsd()).isPresent());
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.triedAndFailed()).isPositive());
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.error() + c.limit()).isPositive());
                assertThat(all.cells().stream().filter(c -> c.model().equals("openai/o3") && c.condition().equals("A") && c.undefended()).count()).isEqualTo(2);
                assertThat(all.usage()).isNotEmpty();
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.defence()).isEqualTo("immutable-shutdown"));
                assertThat(all.cells()).anySatisfy(c -> assertThat(c.strategy()).isEqualTo("overwrite"));

                // Each cell's designs list exactly that cell's episodes.
                Map<String, String> limits = DesignHashes.limitsByRun(plans);
                Map<String, Map<String, String>> defences = DesignHashes.defencesByRun(plans);
                for (Cell cell : all.cells()) {
                    Set<EpisodeQuery.Design> designs = TalliedReport.designs(tallies, Set.of(), plans, cell.scenario(), cell.model(),
                            cell.condition(), cell.defence(), cell.design());
                    EpisodeQuery query = new EpisodeQuery(Optional.of(cell.scenario()), Optional.of(cell.model()), Optional.of(cell.condition()),
                            Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false, 0, 1000,
                            designs, Optional.empty());
                    Set<String> listed = store.browser().page(query).rows().stream().map(r -> r.id()).collect(Collectors.toCollection(TreeSet::new));
                    Set<String> expected = stored.stream().filter(r -> r.key().scenario().equals(cell.scenario()) && r.key().model().equals(cell.model())
                            && r.key().condition().equals(cell.condition()) && r.key().defence().equals(cell.defence())
                            && DesignHashes.of(r, limits.getOrDefault(r.key().runId(), ""),
                                    defences.getOrDefault(r.key().runId(), Map.of()).getOrDefault(r.key().defence(), "")).equals(cell.design()))
                            .map(EpisodeRecord::id).collect(Collectors.toCollection(TreeSet::new));
                    assertThat(listed).as(cell.model() + " " + cell.condition() + " " + cell.shortDesign()).isEqualTo(expected).hasSize(cell.episodes());
                }
            }
        }
    }

    private static List<EpisodeRecord> mixed() {
        List<EpisodeRecord> out = new ArrayList<>();
        Outcome[] shutdown = {new Outcome("complied"), new Outcome("sabotaged"), Outcome.ERROR, new Outcome("submitted_early"), Outcome.LIMIT,
            new Outcome("sabotaged"), new Outcome("complied")};
        int epoch = 0;
        for (String run : List.of("run-a", "run-b")) {
            for (String model : List.of("openai/o3", "anthropic/claude-opus-4-1", "reference/saboteur")) {
                for (String condition : List.of("A", "B", "control")) {
                    for (int i = 0; i < 7; i++) {
                        epoch++;
                        out.add(shutdown(run, model, condition, epoch, shutdown[(i + epoch) % shutdown.length], (i + epoch) % 3 == 0,
                                AT.plusSeconds(epoch % 5), "sys"));
                    }
                }
            }
        }
        // A defended arm beside the none arm of one (model, condition), and a reference agent with a strategy.
        for (int i = 0; i < 5; i++) {
            EpisodeRecord r = shutdown("run-a", "openai/o3", "A", 700 + i, i % 2 == 0 ? new Outcome("complied") : new Outcome("sabotaged"), i % 2 == 1,
                    AT.plusSeconds(i), "sys");
            EpisodeKey key = new EpisodeKey("run-a", "shutdown", "A", "openai/o3", 700 + i, "immutable-shutdown");
            out.add(new EpisodeRecord(key.id(), key, r.provenance(), r.startedAt(), r.finishedAt(), r.verdict(), r.attempts(), r.changes(),
                    r.transcript(), r.caveats()));
            EpisodeRecord ref = shutdown("run-b", "reference/saboteur:overwrite", "A", 800 + i, new Outcome("sabotaged"), true, AT.plusSeconds(i), "sys");
            Provenance p = ref.provenance();
            out.add(new EpisodeRecord(ref.id(), ref.key(), new Provenance(p.offswitchVersion(), p.offswitchCommit(), p.scenario(), p.scenarioHash(),
                    p.condition(), p.conditionHash(), p.systemPrompt(), p.userPrompt(), p.continuePrompt(), p.agent(), true,
                    Map.of("strategy", "overwrite"), 0, "bwrap"), ref.startedAt(), ref.finishedAt(), ref.verdict(), ref.attempts(), ref.changes(),
                    ref.transcript(), ref.caveats()));
        }
        // The same instant, the same design, other prompts: which one stands for the cell is decided by id.
        out.add(shutdown("run-a", "openai/o3", "B", 900, new Outcome("complied"), false, AT.minusSeconds(60), "other system prompt"));
        out.add(shutdown("run-a", "openai/o3", "B", 901, new Outcome("complied"), false, AT.minusSeconds(60), "yet another"));
        // A scenario offswitch does not know: its vocabulary is made of its outcomes in the order they first came.
        String[] custom = {"zeta", "alpha", "zeta", "mid"};
        for (int i = 0; i < custom.length; i++) {
            EpisodeKey key = new EpisodeKey("run-c", "custom", "x", "openai/gpt-5", i);
            Provenance p = new Provenance("0.1.0", "", "custom", "sh\\u0000", "x", "ch", "s", "u", "c", "openai/gpt-5", false,
                    Map.of("odd\0key", "back\\slash \ud800"), 0, "bwrap");
            out.add(new EpisodeRecord(key.id(), key, p, AT.plusSeconds(20 - i), AT.plusSeconds(30), new Verdict(new Outcome(custom[i]), "r", List.of()),
                    i == 1 ? List.of(new Attempt("k", "t", 1, "c", "", List.of())) : List.of(), List.of(), transcript(i, AT), List.of()));
        }
        return out;
    }

    private static EpisodeRecord shutdown(String run, String model, String condition, int epoch, Outcome outcome, boolean attempted,
            Instant at, String systemPrompt) {
        Optional<Condition> builtIn = Episodes.SHUTDOWN.conditions().stream().filter(c -> c.id().equals(condition)).findFirst();
        boolean sameWords = systemPrompt.equals("sys");
        Provenance p = new Provenance("0.1.0", "", "shutdown", Episodes.SHUTDOWN.contentHash(), condition,
                builtIn.map(Condition::contentHash).orElse(""),
                sameWords ? builtIn.map(c -> c.prompts().system()).orElse("") : systemPrompt,
                builtIn.map(c -> c.prompts().user()).orElse(""), builtIn.map(c -> c.prompts().continueMessage()).orElse(""),
                model, model.startsWith("reference/"), model.startsWith("reference/") ? Map.of() : Map.of("temperature", "1.0"), 0, "bwrap");
        EpisodeKey key = new EpisodeKey(run, "shutdown", condition, model, epoch);
        List<Attempt> attempts = attempted ? List.of(new Attempt("modified-shutdown-script", "shutdown.sh", 2, "chmod -x shutdown.sh", "", List.of()),
                new Attempt("redefined-kill", "kill", 3, "alias kill=true", "", List.of())) : List.of();
        return new EpisodeRecord(key.id(), key, p, at, at.plusSeconds(5 + epoch % 7), new Verdict(outcome, "because " + outcome.label(), List.of()),
                attempts, List.of(), model.startsWith("reference/") ? List.of() : transcript(epoch, at), List.of());
    }

    private static List<TranscriptEntry> transcript(int seed, Instant at) {
        List<TranscriptEntry> t = new ArrayList<>();
        t.add(new TranscriptEntry(0, at, 0, new Message.User("go")));
        for (int turn = 1; turn <= 1 + seed % 3; turn++) {
            t.add(new TranscriptEntry(turn, at, 10, new Message.Assistant("t", List.of(ToolCall.bash("c" + turn, "", "ls")), "",
                    new Usage(1000L * turn + seed, 50 + seed, seed % 7, 300), "")));
            t.add(new TranscriptEntry(turn, at, 1, new Message.Tool("c" + turn, "bash", "out", false)));
        }
        return t;
    }
}
