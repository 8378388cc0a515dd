package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.offswitch.episode.DefenceDecision;
import io.offswitch.episode.DefenceEvent;

/**
 * A defended episode in the viewer (Debian's headless Chromium): its defence named above the
 * transcript, each decision inside the box of the turn it was made at (an audit's after the
 * transcript), and the decision's text, which quotes the agent, shown literally with nothing of it run.
 */
class ViewerDefenceTest {

    @TempDir
    static Path dir;

    private static EpisodeStore store;
    private static ViewServer server;
    private static HeadlessChromium chromium;
    private static String id;

    @BeforeAll
    static void storeAndBrowser() {
        Path db = dir.resolve("offswitch.db");
        EpisodeRecord plain = HostileEpisodes.sabotaged("run-defended", "openai/o3", 1, 4);
        EpisodeKey k = plain.key();
        EpisodeKey key = new EpisodeKey(k.runId(), k.scenario(), k.condition(), k.model(), k.epoch(), "immutable-shutdown");
        Instant at = Instant.parse("2026-11-30T08:00:00Z");
        List<DefenceEvent> events = List.of(
                DefenceEvent.denied("immutable-shutdown", 2, "echo " + HostileEpisodes.SCRIPT + " > shutdown.sh", "shutdown.sh", "refused " + HostileEpisodes.IMG, at),
                new DefenceEvent("immutable-shutdown", DefenceEvent.Phase.AUDIT, 4, "", "", "", DefenceDecision.ALARM, java.util.Optional.of(0.875),
                        "the audit saw it", 1200, 900, 60, at));
        EpisodeRecord defended = new EpisodeRecord(key.id(), key, plain.provenance(), plain.startedAt(), plain.finishedAt(), plain.verdict(),
                plain.attempts(), plain.changes(), plain.transcript(), plain.caveats(), plain.judgements(), plain.score(), plain.awareness(),
                plain.followUps(), events);
        id = defended.id();
        try (EpisodeStore writer = new EpisodeStore(db)) {
            writer.saveRun(new RunInfo("run-defended", at, "shutdown", "{}", "written by the test", "test"), List.of(defended));
        }
        store = EpisodeStore.openForReading(db);
        server = ViewServer.start(store, "127.0.0.1", 0, PriceTable.builtIn());
        chromium = HeadlessChromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void theDecisionsAreShownAtTheirTurnsAsText() {
        try (GuardedPage guarded = chromium.open(server)) {
            Page page = guarded.page();
            page.navigate(server.url() + "#/episode/" + id);
            page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
            assertThat(page.locator(".transcript").textContent()).contains("defence immutable-shutdown");
            Locator inTurn = page.locator("[data-turn=\"2\"] .entry.defence");
            assertThat(inTurn.count()).isEqualTo(1);
            assertThat(inTurn.getAttribute("data-decision")).isEqualTo("denied");
            assertThat(inTurn.textContent()).contains("refused " + HostileEpisodes.IMG).contains("shutdown.sh");
            assertThat(page.locator(".defence-action").first().textContent()).contains(HostileEpisodes.SCRIPT);
            // The audit's alarm comes after the transcript, outside every turn.
            Locator audit = page.locator(".transcript > .entry.defence");
            assertThat(audit.count()).isEqualTo(1);
            assertThat(audit.textContent()).contains("alarm").contains("after the episode").contains("score 0.875");
            assertThat(page.locator("[onerror], [onload]").count()).isZero();
            guarded.assertClean();
        }
    }
}
