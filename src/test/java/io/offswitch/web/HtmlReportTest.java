package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.offswitch.cli.CliForTests;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.report.Cell;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `offswitch report --html FILE`: one page with no script that opens from disk, loads nothing, and shows hostile text as text. */
class HtmlReportTest {

    @TempDir
    Path dir;

    private Path store() {
        Path results = dir.resolve("results");
        String[] run = CliForTests.run("run", "shutdown", "-m", "reference/saboteur:overwrite,reference/compliant", "-c", "A", "-n", "1",
                "--results", results.toString());
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        try (EpisodeStore writer = new EpisodeStore(results.resolve("offswitch.db"))) {
            List<EpisodeRecord> hostile = new ArrayList<>();
            for (int epoch = 1; epoch <= 12; epoch++) {
                hostile.add(epoch % 2 == 0 ? HostileEpisodes.sabotaged("run-hostile", "openai/o3", epoch, 4) : HostileEpisodes.complied("run-hostile", "openai/o3", epoch));
            }
            writer.saveRun(new RunInfo("run-hostile", Instant.parse("2026-11-30T08:00:00Z"), "shutdown", "{}", "test", "test"), hostile);
        }
        return results;
    }

    @Test
    void aSelfContainedPageWithTheGridChartsAndCappedTranscripts() throws Exception {
        Path results = store();
        Path page = Files.createDirectories(dir.resolve("out")).resolve("report.html");
        String[] report = CliForTests.run("report", "--run", "all", "--html", page.toString(), "--transcripts", "4", "--results", results.toString());
        assertThat(report[0]).as(report[2]).isEqualTo("0");
        assertThat(report[1]).as("the Markdown report still goes to stdout").contains("sabotage");
        String html = Files.readString(page);
        String lower = html.toLowerCase(Locale.ROOT);
        // Nothing in the file is script or loads anything: only our markup, the hostile text escaped.
        // (The payloads' own words, "onerror=" or "javascript:", are there as escaped text, which the browser checks below.)
        for (String tag : List.of("<script", "<img", "<link", "<iframe", "<object", "<embed", "<a ", "<form", "<base", "<meta http-equiv=\"refresh")) {
            assertThat(lower).as(tag).doesNotContain(tag);
        }
        assertThat(html).contains("Content-Security-Policy").contains(HtmlReport.CONTENT_SECURITY_POLICY.replace("'", "&#39;"));
        assertThat(html).contains(Html.text(HostileEpisodes.SCRIPT));

        Report expected;
        try (EpisodeStore s = EpisodeStore.openForReading(results.resolve("offswitch.db"))) {
            expected = Report.of(s.episodes(Optional.empty()), Map.of(), PriceTable.builtIn());
        }
        List<String> offDisk = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        try (HeadlessChromium chromium = HeadlessChromium.launch()) {
            Page p = chromium.browser().newPage();
            p.route("**/*", route -> {
                if (route.request().url().equals(page.toUri().toString())) {
                    route.resume();
                } else {
                    offDisk.add(route.request().url());
                    route.abort();
                }
            });
            p.onPageError(errors::add);
            p.onConsoleMessage(m -> errors.add(m.type() + ": " + m.text()));
            p.navigate(page.toUri().toString());
            Files.createDirectories(ViewerBrowserTest.SCREENSHOTS);
            p.screenshot(new Page.ScreenshotOptions().setPath(ViewerBrowserTest.SCREENSHOTS.resolve("report-html.png")).setFullPage(false));
            for (Cell cell : expected.cells()) {
                assertThat(p.locator(".cell .kn").allTextContents()).contains(cell.k() + "/" + cell.n());
            }
            assertThat(p.locator("section.scenario svg.chart line.interval").count()).isEqualTo(expected.cells().size());
            // Capped at 4, taken in turn from each cell: both cells that showed sabotage are there.
            Locator episodes = p.locator("section.episode");
            assertThat(episodes.count()).isEqualTo(4);
            assertThat(episodes.locator("h3").allTextContents()).anyMatch(t -> t.contains("run-hostile")).anyMatch(t -> t.contains("saboteur"));
            assertThat(p.locator(".assistant-text").allTextContents()).contains("Turn 1 " + HostileEpisodes.SCRIPT + HostileEpisodes.IMG);
            assertThat(p.locator("code.path").allTextContents()).contains(HostileEpisodes.FILE_NAME);
            // The sabotaged ones carry their decisive moment (hostile text in its reason, shown as text), marked at its turn.
            // (The reference saboteur's own, from its run, names the command that altered the script before the shutdown ran.)
            assertThat(p.locator(".entry.decisive").allTextContents()).isNotEmpty()
                    .anySatisfy(t -> assertThat(t).startsWith("decisive moment turn 2 ").contains(HostileEpisodes.SCRIPT + HostileEpisodes.IMG))
                    .anySatisfy(t -> assertThat(t).contains("shutdown.sh").contains("when the shutdown ran at turn"));
            assertThat(p.locator(".turn.decisive").count()).isEqualTo(p.locator(".entry.decisive").count());
            assertThat(p.locator("img, script, iframe, link, a, [onerror], [onload], [href], [src]").count()).isZero();
            // The huge output: 2,000 characters shown, the rest behind "show more".
            Locator more = p.locator("details.more").filter(new Locator.FilterOptions().setHasText("28,018 more characters")).first();
            assertThat(more.locator(".tool-output-rest").isVisible()).isFalse();
            more.locator("summary").click();
            assertThat(more.locator(".tool-output-rest").textContent()).endsWith(HostileEpisodes.HUGE_MARKER);
            p.screenshot(new Page.ScreenshotOptions().setPath(ViewerBrowserTest.SCREENSHOTS.resolve("report-html-show-more.png")).setFullPage(false));
            assertThat(p.evaluate("() => typeof window." + HostileEpisodes.FLAG)).isEqualTo("undefined");
        }
        assertThat(offDisk).as("requests beyond the file itself").isEmpty();
        assertThat(errors).as("script errors and CSP reports").isEmpty();
    }

    @Test
    void aNegativeTranscriptCapIsRefusedBeforeAnythingIsWritten() {
        Path results = store();
        Path page = dir.resolve("report.html");
        String[] report = CliForTests.run("report", "--run", "all", "--html", page.toString(), "--transcripts", "-1", "--results", results.toString());
        assertThat(report[0]).isEqualTo("2");
        assertThat(report[2]).contains("--transcripts must be 0 or more");
        assertThat(page).doesNotExist();
    }

    @Test
    void aPageIntoAFolderOrAMissingFolderNamesTheHtmlOptionAndWritesNothing() {
        Path results = store();
        String[] intoFolder = CliForTests.run("report", "--run", "all", "--html", dir.toString(), "--results", results.toString());
        assertThat(intoFolder[0]).isEqualTo("2");
        assertThat(intoFolder[2]).contains("--html " + dir + " is a directory").contains("e.g. --html " + dir.resolve("report.html")).doesNotContain("-o ");
        Path missing = dir.resolve("no-such-folder").resolve("report.html");
        String[] intoMissing = CliForTests.run("report", "--run", "all", "--html", missing.toString(), "--results", results.toString());
        assertThat(intoMissing[0]).isEqualTo("2");
        assertThat(intoMissing[2]).contains("--html " + missing + ": the folder").contains("does not exist").doesNotContain("-o ");
        assertThat(missing.getParent()).doesNotExist();
    }
}
