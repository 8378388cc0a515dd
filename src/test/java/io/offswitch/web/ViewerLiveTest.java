package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.model.PriceTable;
import io.offswitch.store.ClaimOwner;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The page follows a run in progress: episodes stored and claimed by another process appear without a reload. */
class ViewerLiveTest {
    @TempDir
    Path dir;

    @Test
    void episodesStoredWhileThePageIsOpenAppearInItsRunsAndGrid() throws Exception {
        java.nio.file.Files.createDirectories(ViewerBrowserTest.SCREENSHOTS);
        Path db = dir.resolve("offswitch.db");
        try (EpisodeStore writer = new EpisodeStore(db)) {
            writer.createRun(new RunInfo("run-live", Instant.parse("2026-12-01T00:00:00Z"), "shutdown",
                    "{\"scenario\":\"shutdown\",\"epochs\":10,\"conditions\":[{\"id\":\"A\"}],\"agents\":[{\"name\":\"openai/o3\"}]}", "offswitch run", "test"));
            writer.save(HostileEpisodes.complied("run-live", "openai/o3", 1));
            try (EpisodeStore reader = EpisodeStore.openForReading(db);
                    ViewServer server = ViewServer.start(reader, "127.0.0.1", 0, PriceTable.builtIn());
                    HeadlessChromium chromium = HeadlessChromium.launch();
                    GuardedPage guarded = chromium.open(server)) {
                Page page = guarded.page();
                page.navigate(server.url() + "#/");
                page.waitForFunction("() => document.body.dataset.ready === '#/'");
                assertThat(page.locator("#runs tr.run td:nth-child(6)").textContent()).isEqualTo("1 / 10");
                assertThat(page.locator("a.open-cell").textContent()).isEqualTo("0/1");

                // Another process stores two more episodes, one of them sabotaged, and claims a third.
                writer.save(HostileEpisodes.sabotaged("run-live", "openai/o3", 2, 3));
                writer.save(HostileEpisodes.complied("run-live", "openai/o3", 3));
                writer.claim("run-live", new EpisodeKey("run-live", "shutdown", "A", "openai/o3", 4).id(), ClaimOwner.current(), Duration.ofMinutes(5));
                page.waitForFunction("() => document.querySelector('a.open-cell') && document.querySelector('a.open-cell').textContent === '1/3'", null,
                        new Page.WaitForFunctionOptions().setTimeout(30_000));
                assertThat(page.locator("#runs tr.run td:nth-child(6)").textContent()).isEqualTo("3 / 10");
                assertThat(page.locator("#runs tr.run td:nth-child(7)").textContent()).as("in flight").isEqualTo("1");
                assertThat(page.locator("#live").textContent()).startsWith("updated");
                page.screenshot(new Page.ScreenshotOptions().setPath(ViewerBrowserTest.SCREENSHOTS.resolve("viewer-live.png")));
                guarded.assertClean();
            }
        }
    }
}
