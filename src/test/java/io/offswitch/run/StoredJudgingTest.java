package io.offswitch.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.offswitch.OffswitchException;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.judge.FakeJudgeServer;
import io.offswitch.judge.NoteScenario;
import io.offswitch.report.JudgeAgreement;
import io.offswitch.report.Report;
import io.offswitch.sandbox.bwrap.BwrapBackend;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Judging a stored run again ({@code offswitch judge}): judgements are added and never removed, the
 * verdicts stay, a judge run again skips what it has judged, and databases written before judges
 * existed open and are judged like any other.
 */
class StoredJudgingTest {
    @TempDir
    Path dir;

    private final FakeJudgeServer server = JudgedRunTest.start();
    private final NoteScenario scenario = new NoteScenario();
    private Path db;

    @BeforeEach
    void runWithRulesAlone() throws Exception {
        db = dir.resolve("offswitch.db");
        try (EpisodeStore store = new EpisodeStore(db)) {
            new RunExecutor(new EpisodeRunner(scenario, new BwrapBackend(), EpisodeLimits.defaults()), store, 2)
                    .execute(JudgedRunTest.plan("stored"), record -> {});
        }
        JudgedRunTest.strictJudge(server);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private StoredJudging.Summary judge(EpisodeStore store, boolean again, List<String> heard) throws InterruptedException {
        return StoredJudging.judge(store, "stored", scenario, server.judge(1), again, 2, (episode, j) -> heard.add(episode.key().model() + "=" + j.label()));
    }

    @Test
    void judgementsAreAddedVerdictsStayAndAJudgeRunAgainSkipsWhatItJudged() throws Exception {
        try (EpisodeStore store = new EpisodeStore(db)) {
            List<String> heard = new CopyOnWriteArrayList<>();
            StoredJudging.Summary first = judge(store, false, heard);
            assertThat(first.episodes()).isEqualTo(4);
            assertThat(first.toJudge()).isEqualTo(3);
            assertThat(first.nothingToJudge()).as("the silent writer sent nothing").isEqualTo(1);
            assertThat(first.labels()).isEqualTo(Map.of("threat", 2, "error", 1));
            assertThat(heard).containsExactlyInAnyOrder("writer/threat=threat", "writer/polite=threat", "writer/confusing=error");
            Map<String, EpisodeRecord> byAgent = byAgent(store);
            assertThat(JudgedRunTest.labels(byAgent.get("writer/polite"))).containsExactly("rules=none", FakeJudgeServer.MODEL + "=threat");
            assertThat(byAgent.get("writer/polite").verdict().outcome()).as("the run's verdict stays").isEqualTo(NoteScenario.NONE);
            assertThat(server.requests()).hasSize(3);

            // Again: the two it judged are skipped; the error is judged again, beside the old error it keeps.
            StoredJudging.Summary second = judge(store, false, new CopyOnWriteArrayList<>());
            assertThat(second.alreadyJudged()).isEqualTo(2);
            assertThat(second.toJudge()).isEqualTo(1);
            assertThat(server.requests()).hasSize(4);
            assertThat(JudgedRunTest.labels(byAgent(store).get("writer/confusing")))
                    .containsExactly("rules=none", FakeJudgeServer.MODEL + "=error", FakeJudgeServer.MODEL + "=error");

            // --again judges everything again and adds; nothing is replaced.
            StoredJudging.Summary third = judge(store, true, new CopyOnWriteArrayList<>());
            assertThat(third.judged()).isEqualTo(3);
            assertThat(JudgedRunTest.labels(byAgent(store).get("writer/polite")))
                    .containsExactly("rules=none", FakeJudgeServer.MODEL + "=threat", FakeJudgeServer.MODEL + "=threat");

            // The report compares the two judges per cell: threat agrees, polite does not, confusing (error) is left out.
            Report report = Report.of(store.episodes(Optional.of("stored")));
            Map<String, JudgeAgreement> agreements = report.judges().stream().collect(Collectors.toMap(JudgeAgreement::model, a -> a));
            assertThat(agreements.keySet()).containsExactlyInAnyOrder("writer/threat", "writer/polite");
            assertThat(agreements.get("writer/threat").agreed()).isEqualTo(1);
            assertThat(agreements.get("writer/polite").agreed()).isZero();
            assertThat(agreements.get("writer/polite").judged()).isEqualTo(1);
        }
    }

    @Test
    void aDatabaseWrittenBeforeJudgesExistedOpensReadsWithoutJudgementsAndCanBeJudged() throws Exception {
        // What an older offswitch wrote: no judgements in the records' JSON.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE episodes SET record_json = json_remove(record_json, '$.judgements')");
            try (var rows = s.executeQuery("SELECT count(*) FROM episodes WHERE json_extract(record_json, '$.judgements') IS NOT NULL")) {
                assertThat(rows.getInt(1)).isZero();
            }
        }
        try (EpisodeStore store = new EpisodeStore(db)) {
            assertThat(store.episodes(Optional.of("stored"))).hasSize(4).allSatisfy(r -> assertThat(r.judgements()).isEmpty());
            StoredJudging.Summary summary = judge(store, false, new CopyOnWriteArrayList<>());
            assertThat(summary.judged()).isEqualTo(3);
            assertThat(JudgedRunTest.labels(byAgent(store).get("writer/threat"))).containsExactly(FakeJudgeServer.MODEL + "=threat");
            assertThat(Report.of(store.episodes(Optional.of("stored"))).judges()).as("one judge alone: nothing to compare").isEmpty();
        }
    }

    @Test
    void aScenarioWithoutJudgesIsAClearError() {
        assertThatThrownBy(() -> StoredJudging.judgingOf(Scenarios.resolve("shutdown"))).isInstanceOf(OffswitchException.class)
                .hasMessageContaining("scenario shutdown has no judges of text");
    }

    @Test
    void addJudgementsOnlyNewAddsOnceWhenTwoJudgeTheSameEpisode() throws Exception {
        try (EpisodeStore store = new EpisodeStore(db)) {
            EpisodeRecord polite = byAgent(store).get("writer/polite");
            var j = new io.offswitch.episode.Judgement(FakeJudgeServer.MODEL, false, "threat", "r", "REASONING: r\nLABEL: threat", java.time.Instant.now(), null);
            assertThat(store.addJudgements(polite.id(), List.of(j), true)).hasSize(1);
            assertThat(store.addJudgements(polite.id(), List.of(j), true)).isEmpty();
            assertThat(store.addJudgements(polite.id(), List.of(j), false)).hasSize(1);
            assertThat(store.addJudgements("no-such-episode", List.of(j), false)).isEmpty();
            EpisodeRecord after = byAgent(store).get("writer/polite");
            assertThat(JudgedRunTest.labels(after)).containsExactly("rules=none", FakeJudgeServer.MODEL + "=threat", FakeJudgeServer.MODEL + "=threat");
            assertThat(after.transcript()).isEqualTo(polite.transcript());
            assertThat(after.verdict()).isEqualTo(polite.verdict());
        }
    }

    private static Map<String, EpisodeRecord> byAgent(EpisodeStore store) {
        return store.episodes(Optional.of("stored")).stream().collect(Collectors.toMap(r -> r.key().model(), r -> r));
    }
}
