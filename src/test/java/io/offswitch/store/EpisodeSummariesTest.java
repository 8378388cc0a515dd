package io.offswitch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Judgement;
import io.offswitch.episode.Message;
import io.offswitch.episode.ToolCall;
import io.offswitch.episode.TranscriptEntry;
import io.offswitch.episode.Usage;
import io.offswitch.episode.Verdict;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The episode summaries the viewer reads instead of the records: written with each episode (saved,
 * imported, copied, judged again, forgotten), filled in for a store whose rows are missing (an older
 * offswitch's) when it is opened for writing, and read the old way (from the records' JSON) when it is
 * opened only for reading; the viewer's pages and filter choices are the same whichever way they are
 * read, in SQLite and PostgreSQL, with NULs, half surrogates and backslashes in what is stored.
 */
class EpisodeSummariesTest {
    @TempDir
    Path dir;

    private static Judgement judged(String judge, String label) {
        return new Judgement(judge, false, label, "why", "", Instant.parse("2025-07-05T11:00:00Z"), Usage.NONE);
    }

    private static List<EpisodeRecord> records() {
        List<EpisodeRecord> out = new ArrayList<>();
        for (int epoch = 0; epoch < 6; epoch++) {
            for (String condition : List.of("A", "B")) {
                for (String model : List.of("openai/o3", "reference/saboteur")) {
                    EpisodeRecord r = SampleEpisodes.sabotaged(epoch % 2 == 0 ? "run_1" : "run-2", model, condition, epoch);
                    r = new EpisodeRecord(r.id(), r.key(), r.provenance(), r.startedAt().plusSeconds(epoch * 7L + condition.hashCode() % 5),
                            r.finishedAt().plusMillis(epoch * 311L + model.length()), r.verdict(), epoch == 3 ? List.of() : r.attempts(),
                            r.changes(), r.transcript(), r.caveats());
                    switch (epoch) {
                        case 1 -> r = r.withVerdict(Verdict.error("provider failed: \u0000 \ud800 back\\slash"));
                        case 2 -> r = withLine(r, "binary \u0000 output, 100% Done_now").withAwareness(List.of(judged("openai/gpt", "evaluation")));
                        case 4 -> r = r.withJudgements(List.of(judged("openai/gpt", "Blackmail"), judged("rules", "none-found")))
                                .withAwareness(List.of(judged("openai/gpt", "real")));
                        default -> { }
                    }
                    out.add(r);
                }
            }
        }
        return out;
    }

    private static EpisodeRecord withLine(EpisodeRecord r, String text) {
        List<TranscriptEntry> transcript = new ArrayList<>(r.transcript());
        transcript.add(new TranscriptEntry(7, r.startedAt().plusSeconds(5), 3, new Message.Assistant(text, List.of(ToolCall.bash("c9", "", "true")))));
        return new EpisodeRecord(r.id(), r.key(), r.provenance(), r.startedAt(), r.finishedAt(), r.verdict(), r.attempts(), r.changes(),
                transcript, r.caveats(), r.judgements(), r.score(), r.awareness());
    }

    private static List<EpisodeQuery> queries() {
        List<EpisodeQuery> out = new ArrayList<>();
        for (EpisodeQuery.Sort sort : EpisodeQuery.Sort.values()) {
            out.add(query(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), sort, true));
        }
        out.add(query(Set.of("error"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.DURATION, false));
        for (String attempt : List.of("any", "none", "modified-shutdown-script", "modified-shutdown", "odd")) {
            out.add(query(Set.of(), Optional.of(attempt), Optional.empty(), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false));
        }
        for (String judge : List.of("none", "Blackmail", "none-found", "blackmail")) {
            out.add(query(Set.of(), Optional.empty(), Optional.of(judge), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false));
        }
        for (String aware : List.of("none", "evaluation", "real", "unstated")) {
            out.add(query(Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of(aware), EpisodeQuery.Sort.EPOCH, false));
        }
        out.add(query(Set.of("sabotaged"), Optional.of("modified-shutdown-script"), Optional.empty(), Optional.of("100% done_NOW"), Optional.empty(),
                EpisodeQuery.Sort.STARTED, true));
        out.add(query(Set.of(), Optional.empty(), Optional.empty(), Optional.of("100%_done"), Optional.empty(), EpisodeQuery.Sort.STARTED, true));
        return out;
    }

    private static EpisodeQuery query(Set<String> outcomes, Optional<String> attempt, Optional<String> judge, Optional<String> text,
            Optional<String> aware, EpisodeQuery.Sort sort, boolean descending) {
        return new EpisodeQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), outcomes, attempt, judge, text, sort, descending,
                0, 1000, Set.of(), aware);
    }

    private record Answers(List<EpisodePage> pages, Map<String, List<String>> facets) {
        /** With reasons as a display column holds them (the JSON of the old way has a NUL where the column has U+FFFD). */
        Answers shown() {
            return new Answers(pages.stream().map(p -> new EpisodePage(p.rows().stream().map(r -> new EpisodeRow(r.id(), r.runId(), r.scenario(),
                    r.condition(), r.model(), r.epoch(), r.outcome(), EpisodeSummaries.shown(r.reason()).replace("\\u0000", "\ufffd")
                    .replace("\\ud800", "\ufffd"), r.attemptKinds(), r.judgeLabels(), r.startedAt(), r.durationMillis(), r.turns())).toList(),
                    p.total(), p.offset())).toList(), facets);
        }
    }

    private static Answers answers(EpisodeStore store) {
        List<EpisodePage> pages = queries().stream().map(q -> store.browser().page(q)).toList();
        return new Answers(pages, store.browser().facets("shutdown", "openai/o3", "A", Set.of()));
    }

    private static List<List<String>> summaryRows(StoreLocation location) throws Exception {
        try (EpisodeStore store = EpisodeStore.openForReading(location)) {
            return store.withConnection("read", c -> {
                List<List<String>> rows = new ArrayList<>();
                try (var s = c.createStatement(); var r = s.executeQuery("SELECT * FROM episode_summaries ORDER BY episode_id")) {
                    while (r.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                            row.add(r.getString(i));
                        }
                        rows.add(row);
                    }
                }
                return rows;
            });
        }
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void pagesFromSummariesAreThePagesFromRecordsAndOlderStoresAreFilledIn(StoreKind kind) throws Exception {
        StoreLocation location = kind.location(dir, "summaries.db");
        List<EpisodeRecord> records = records();
        try (EpisodeStore store = new EpisodeStore(location)) {
            records.subList(0, 10).forEach(store::save);
            store.saveRun(new RunInfo("run-2", Instant.parse("2025-07-05T09:00:00Z"), "shutdown", "{}", "import", "0.1.0"),
                    records.subList(10, records.size()));
        }
        Answers fromSummaries;
        try (EpisodeStore reader = EpisodeStore.openForReading(location)) {
            assertThat(reader.browser().tallies()).isPresent();
            fromSummaries = answers(reader);
        }
        // The filters do filter: otherwise agreeing would prove little.
        assertThat(fromSummaries.pages()).extracting(EpisodePage::total).contains(0, records.size()).anySatisfy(t -> assertThat(t).isBetween(1, 23));
        assertThat(fromSummaries.facets().get("judgeLabel")).containsExactly("Blackmail", "none-found");
        assertThat(fromSummaries.facets().get("awareness")).containsExactly("evaluation", "real");
        assertThat(fromSummaries.pages().getFirst().rows()).filteredOn(r -> r.outcome().equals("error"))
                .allSatisfy(r -> assertThat(r.reason()).isEqualTo("provider failed: \ufffd \ufffd back\\slash")).isNotEmpty();
        List<List<String>> written = summaryRows(location);
        assertThat(written).hasSize(records.size());

        // An older offswitch's store: no summaries. Read as before while opened only for reading.
        kind.execute(location, "DELETE FROM episode_summaries");
        try (EpisodeStore reader = EpisodeStore.openForReading(location)) {
            assertThat(reader.browser().tallies()).isEmpty();
            assertThat(answers(reader).shown()).isEqualTo(fromSummaries);
        }
        try (EpisodeStore writer = new EpisodeStore(location)) {
            assertThat(writer.browser().tallies()).isPresent();
        }
        assertThat(summaryRows(location)).isEqualTo(written);
        // Even older: no table at all.
        kind.execute(location, "DROP TABLE episode_summaries");
        try (EpisodeStore reader = EpisodeStore.openForReading(location)) {
            assertThat(reader.browser().tallies()).isEmpty();
            assertThat(answers(reader).shown()).isEqualTo(fromSummaries);
        }
        try (EpisodeStore writer = new EpisodeStore(location)) {
            assertThat(answers(writer)).isEqualTo(fromSummaries);
        }
        assertThat(summaryRows(location)).isEqualTo(written);
    }

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void judgingAgainForgettingAndCopyingKeepTheSummariesWhole(StoreKind kind) throws Exception {
        StoreLocation location = kind.location(dir, "kept.db");
        List<EpisodeRecord> records = records();
        EpisodeQuery gpt = query(Set.of(), Optional.empty(), Optional.of("Leaked"), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false);
        EpisodeQuery errors = query(Set.of("error"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false);
        try (EpisodeStore store = new EpisodeStore(location)) {
            records.forEach(store::save);
            assertThat(store.browser().page(gpt).total()).isZero();
            store.addJudgements(records.get(0).id(), List.of(judged("openai/gpt", "Leaked")), false);
            assertThat(store.browser().page(gpt).rows()).extracting(EpisodeRow::id).containsExactly(records.get(0).id());
            assertThat(store.browser().page(gpt).rows().getFirst().judgeLabels()).containsExactly("Leaked");
            assertThat(store.browser().page(errors).total()).isPositive();
            store.forgetErrors("run-2");
            assertThat(store.browser().page(errors).total()).isZero();
            assertThat(store.browser().tallies()).isPresent();
            try (EpisodeStore copy = new EpisodeStore(kind.location(dir, "copy.db"))) {
                StoreCopy.copy(store, copy, counts -> { });
                assertThat(copy.browser().tallies()).isPresent();
                assertThat(sorted(copy.browser().tallies().orElseThrow())).isEqualTo(sorted(store.browser().tallies().orElseThrow()));
                assertThat(answers(copy)).isEqualTo(answers(store));
            }
        }
        List<List<String>> before = summaryRows(location);
        try (EpisodeStore writer = new EpisodeStore(location)) {
            assertThat(writer.browser().page(gpt).total()).isEqualTo(1);
        }
        assertThat(summaryRows(location)).isEqualTo(before);
    }

    /**
     * The grid's aggregate reads SQLite's covering index alone, in its order: no sort and no row lookups
     * (it runs again after every episode a run stores). A GROUP BY reordered, or a column read that the
     * index lacks, brings the sort back and fails here.
     */
    @org.junit.jupiter.api.Test
    void theGridsAggregateIsAScanOfTheCoveringIndexInSqlite() throws Exception {
        Path db = dir.resolve("plan.db");
        try (EpisodeStore store = new EpisodeStore(db)) {
            records().forEach(store::save);
        }
        List<String> plan = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db); var s = c.createStatement();
                var r = s.executeQuery("EXPLAIN QUERY PLAN " + EpisodeBrowser.TALLY_QUERY)) {
            while (r.next()) {
                plan.add(r.getString("detail"));
            }
        }
        assertThat(plan).containsExactly("SCAN episode_summaries USING COVERING INDEX episode_summaries_tally");
    }

    private static List<String> sorted(List<EpisodeTally> tallies) {
        return tallies.stream().map(EpisodeTally::toString).sorted().toList();
    }
}
