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
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same episodes in an SQLite store and a PostgreSQL store answer every query the same: lists,
 * the viewer's pages with each filter and sort, filter choices, counts, prefixes. Among them are
 * episodes whose transcripts hold what PostgreSQL's JSON functions refuse (an escaped NUL, half a
 * surrogate pair), as an agent can print: they must neither break the queries nor go missing.
 */
class DialectParityTest {
    @TempDir
    Path dir;

    private EpisodeStore sqlite;
    private EpisodeStore postgres;
    private final List<EpisodeRecord> records = new ArrayList<>();

    private static Judgement judged(String judge, String label) {
        return new Judgement(judge, false, label, "why", "", Instant.parse("2025-07-05T11:00:00Z"), Usage.NONE);
    }

    private static EpisodeRecord withTranscriptLine(EpisodeRecord r, String text) {
        List<TranscriptEntry> transcript = new ArrayList<>(r.transcript());
        transcript.add(new TranscriptEntry(7, r.startedAt().plusSeconds(5), 3, new Message.Assistant(text,
                List.of(new ToolCall("c9", "bash", "{\"cmd\": \"cat /dev/zero | head -c1\"}")))));
        transcript.add(new TranscriptEntry(7, r.startedAt().plusSeconds(6), 1, new Message.Tool("c9", "bash", text, false)));
        return new EpisodeRecord(r.id(), r.key(), r.provenance(), r.startedAt(), r.finishedAt(), r.verdict(), r.attempts(), r.changes(),
                transcript, r.caveats());
    }

    @BeforeEach
    void fill() {
        for (int epoch = 0; epoch < 6; epoch++) {
            for (String condition : List.of("A", "B", "a")) {
                for (String model : List.of("openai/o3", "Anthropic/claude", "reference/saboteur")) {
                    EpisodeRecord r = SampleEpisodes.sabotaged(epoch % 2 == 0 ? "run_1" : "run-2", model, condition, epoch);
                    r = new EpisodeRecord(r.id(), r.key(), r.provenance(), r.startedAt().plusSeconds(epoch * 7L + condition.hashCode() % 5),
                            r.finishedAt().plusMillis(epoch * 311L + model.length()), r.verdict(), epoch == 3 ? List.of() : r.attempts(),
                            r.changes(), r.transcript(), r.caveats());
                    switch (epoch) {
                        case 1 -> r = r.withVerdict(Verdict.error("provider failed"));
                        case 2 -> r = withTranscriptLine(r, "binary \u0000 output and a lone half \ud800 here, 100% Done_now");
                        case 4 -> r = r.withJudgements(List.of(judged("openai/gpt", "Blackmail"), judged("rules", "none-found")));
                        case 5 -> r = withTranscriptLine(r, "EMOJI \ud83d\ude00 and a backslash-u \\u0000 as text").withScore(Optional.of(0.25 * condition.length()));
                        default -> { }
                    }
                    records.add(r);
                }
            }
        }
        sqlite = new EpisodeStore(StoreKind.SQLITE.location(dir, "parity.db"));
        postgres = new EpisodeStore(StoreKind.POSTGRES.location(dir, "parity.db"));
        for (EpisodeStore store : List.of(sqlite, postgres)) {
            store.createRun(new RunInfo("run_1", Instant.parse("2025-07-05T09:00:00Z"), "shutdown", "{}", "offswitch run", "0.1.0"));
            records.forEach(store::save);
        }
    }

    @org.junit.jupiter.api.AfterEach
    void close() {
        sqlite.close();
        postgres.close();
    }

    private <T> T same(Function<EpisodeStore, T> query) {
        T a = query.apply(sqlite);
        T b = query.apply(postgres);
        assertThat((Object) b).isEqualTo(a);
        return a;
    }

    private <E> java.util.Collection<E> sameAll(Function<EpisodeStore, ? extends java.util.Collection<E>> query) {
        return same(query);
    }

    private <E> Optional<E> sameOne(Function<EpisodeStore, Optional<E>> query) {
        return same(query);
    }

    private <V> java.util.Map<String, V> sameMap(Function<EpisodeStore, java.util.Map<String, V>> query) {
        return same(query);
    }

    private int sameTotal(Function<EpisodeStore, EpisodePage> query) {
        return same(query).total();
    }

    private static EpisodeQuery query(Optional<String> attempt, Optional<String> judge, Optional<String> text, EpisodeQuery.Sort sort, boolean descending) {
        return new EpisodeQuery(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(), Set.of(), attempt, judge, text, sort, descending, 0, 1000);
    }

    @Test
    void everyStoredRecordReadsBackWholeFromBoth() {
        assertThat(sameAll(s -> s.episodes(Optional.empty()))).containsExactlyInAnyOrderElementsOf(records);
        assertThat(sameAll(s -> s.finishedKeys("run_1"))).hasSize(records.size() / 2 + records.size() % 2);
    }

    @Test
    void listsAndCountsAreTheSame() {
        assertThat(sameAll(s -> s.summaries(new EpisodeFilter(Set.of(), Set.of(), Set.of(), Set.of(), Optional.empty(), 1000)))).hasSize(records.size());
        assertThat(sameAll(s -> s.summaries(new EpisodeFilter(Set.of("run-2"), Set.of("error"), Set.of(), Set.of(), Optional.empty(), 1000)))).isNotEmpty();
        assertThat(sameAll(s -> s.summaries(new EpisodeFilter(Set.of(), Set.of(), Set.of("openai/o3"), Set.of("a"), Optional.of("modified-shutdown-script"), 5))))
                .hasSize(5);
        assertThat(sameAll(s -> s.summaries(new EpisodeFilter(Set.of(), Set.of(), Set.of(), Set.of(), Optional.of("none"), 1000)))).isNotEmpty();
        // Byte order, as SQLite sorts: upper case before lower, '-' before '_'.
        assertThat(sameAll(s -> s.distinct("model"))).containsExactly("Anthropic/claude", "openai/o3", "reference/saboteur");
        assertThat(sameAll(s -> s.distinct("condition"))).containsExactly("A", "B", "a");
        assertThat(sameAll(EpisodeStore::runIds)).containsExactly("run_1", "run-2");
        assertThat(sameOne(EpisodeStore::latestRunId)).contains("run-2");
        assertThat(sameMap(s -> s.browser().runCounts())).containsKeys("run_1", "run-2");
        assertThat(sameAll(s -> s.browser().fingerprints().stream().sorted(java.util.Comparator.comparing(EpisodeBrowser.Fingerprint::id)).toList()))
                .hasSize(records.size());
        assertThat(sameAll(s -> s.browser().forCounting(Optional.of("run-2")))).isNotEmpty();
        assertThat(sameOne(s -> s.findByPrefix(records.get(10).id()))).contains(records.get(10));
        assertThat(sameOne(s -> s.findByPrefix("run%"))).isEmpty();
    }

    @Test
    void theViewersPagesFiltersAndSortsAreTheSame() {
        for (EpisodeQuery.Sort sort : EpisodeQuery.Sort.values()) {
            for (boolean descending : List.of(false, true)) {
                assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.empty(), Optional.empty(), sort, descending))))
                        .isEqualTo(records.size());
            }
        }
        assertThat(sameTotal(s -> s.browser().page(query(Optional.of("modified-shutdown-script"), Optional.empty(), Optional.empty(),
                EpisodeQuery.Sort.ID, false)))).isEqualTo(records.size() - 9);
        assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.of("Blackmail"), Optional.empty(), EpisodeQuery.Sort.ID, false))))
                .isEqualTo(9);
        assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.of("none"), Optional.empty(), EpisodeQuery.Sort.ID, false))))
                .isEqualTo(records.size() - 9);
        // Text search ignores the case of ASCII letters and takes % and _ literally, over transcripts with a NUL and half surrogates.
        assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.empty(), Optional.of("100% done_NOW"), EpisodeQuery.Sort.ID, false))))
                .isEqualTo(9);
        assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.empty(), Optional.of("100%_done"), EpisodeQuery.Sort.ID, false))))
                .isZero();
        assertThat(sameTotal(s -> s.browser().page(query(Optional.empty(), Optional.empty(), Optional.of("emoji"), EpisodeQuery.Sort.ID, false))))
                .isEqualTo(9);
        EpisodePage page = same(s -> s.browser().page(query(Optional.empty(), Optional.empty(), Optional.empty(), EpisodeQuery.Sort.ID, false)));
        assertThat(page.rows()).anySatisfy(row -> assertThat(row.turns()).isEqualTo(7));
        assertThat(sameMap(s -> s.browser().facets("shutdown", "openai/o3", "A", Set.of()))).containsEntry("judgeLabel", List.of("Blackmail", "none-found"));
    }

    @Test
    void judgementsAddedLaterAreFoundTheSame() {
        String id = records.get(7).id();
        assertThat(sameAll(s -> s.addJudgements(id, List.of(judged("openai/gpt", "Blackmail")), true))).hasSize(1);
        assertThat(sameAll(s -> s.addJudgements(id, List.of(judged("openai/gpt", "Blackmail")), true))).isEmpty();
        assertThat(sameOne(s -> s.find(id))).isPresent();
    }

    @Test
    void theDataVersionChangesWhenAnotherConnectionCommits() {
        for (EpisodeStore store : List.of(sqlite, postgres)) {
            long before = store.browser().dataVersion();
            assertThat(store.browser().dataVersion()).isEqualTo(before);
            try (EpisodeStore other = new EpisodeStore(store.location())) {
                other.save(SampleEpisodes.sabotaged("later", "openai/o3", "A", 99));
            }
            assertThat(store.browser().dataVersion()).as(store.where()).isNotEqualTo(before);
        }
    }
}
