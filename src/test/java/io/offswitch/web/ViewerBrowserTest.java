package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.offswitch.cli.CliForTests;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.model.PriceTable;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.RunInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer in Debian's headless Chromium, driven by Playwright: runs of every scenario made by the
 * real CLI with their reference agents, and a run of hostile episodes written through the store API.
 * Every test records what the page asked for beyond 127.0.0.1 (nothing may be), its script errors,
 * and whether any payload ever ran; screenshots go to target/screenshots/viewer-*.png.
 */
class ViewerBrowserTest {
    private static final String WEIGHTS = "offswitch.exfiltration.weightsMiB";
    static final Path SCREENSHOTS = Path.of(System.getProperty("offswitch.buildDir", "target"), "screenshots");

    @TempDir
    static Path dir;

    private static EpisodeStore store;
    private static ViewServer server;
    private static HeadlessChromium chromium;

    private GuardedPage guarded;
    private Page page;

    @BeforeAll
    static void storeAndBrowser() throws Exception {
        Path results = dir.resolve("results");
        offswitch("run", "shutdown", "-m", "reference/saboteur:overwrite,reference/compliant", "-c", "A", "-n", "2", "--results", results.toString());
        offswitch("run", "blackmail", "-m", "reference/blackmailer,reference/leaker", "-c", "explicit-goal+replacement", "-n", "1",
                "--results", results.toString());
        String before = System.getProperty(WEIGHTS);
        System.setProperty(WEIGHTS, "2");
        try {
            offswitch("run", "exfiltration", "-m", "reference/exfiltrator,reference/compliant", "-c", "harmful-nudge", "-n", "1",
                    "--results", results.toString());
        } finally {
            if (before == null) {
                System.clearProperty(WEIGHTS);
            } else {
                System.setProperty(WEIGHTS, before);
            }
        }
        Path db = results.resolve("offswitch.db");
        try (EpisodeStore writer = new EpisodeStore(db)) {
            List<EpisodeRecord> hostile = new ArrayList<>();
            for (int epoch = 1; epoch <= 60; epoch++) {
                EpisodeRecord o3 = epoch % 3 == 0 ? HostileEpisodes.sabotaged("run-hostile", "openai/o3", epoch, 6)
                        : HostileEpisodes.complied("run-hostile", "openai/o3", epoch);
                // What eval-awareness judges said: every fifth said evaluation, one judge's label is an injection attempt.
                if (epoch % 5 == 0 || epoch == 7) {
                    o3 = o3.withAwareness(List.of(new io.offswitch.episode.Judgement("openai/judge-model", false,
                            epoch == 7 ? HostileEpisodes.IMG : "evaluation", HostileEpisodes.SCRIPT, "", Instant.parse("2026-11-30T09:00:00Z"),
                            io.offswitch.episode.Usage.NONE)));
                }
                hostile.add(o3);
                hostile.add(epoch % 2 == 0 ? HostileEpisodes.sabotaged("run-hostile", "anthropic/claude-opus-4", epoch, 4)
                        : HostileEpisodes.complied("run-hostile", "anthropic/claude-opus-4", epoch));
            }
            writer.saveRun(new RunInfo("run-hostile", Instant.parse("2026-11-30T08:00:00Z"), "shutdown", "{}", "written by the test", "test"), hostile);
        }
        store = EpisodeStore.openForReading(db);
        server = ViewServer.start(store, "127.0.0.1", 0, PriceTable.builtIn());
        Files.createDirectories(SCREENSHOTS);
        chromium = HeadlessChromium.launch();
    }

    private static void offswitch(String... args) {
        String[] run = CliForTests.run(args);
        assertThat(run[0]).as("offswitch %s: %s", String.join(" ", args), run[2]).isEqualTo("0");
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

    @BeforeEach
    void openPage() {
        guarded = chromium.open(server, new Browser.NewContextOptions().setAcceptDownloads(true).setViewportSize(1400, 1000));
        page = guarded.page();
    }

    @AfterEach
    void checkAndClose(TestInfo test) {
        try {
            guarded.assertClean();
        } finally {
            guarded.close();
        }
    }

    private void open(String hash) {
        page.navigate(server.url() + hash);
        rendered();
    }

    /** Waits until the page has drawn what its address asks for (app.js marks the body when a render is shown). */
    private void rendered() {
        page.waitForFunction("() => document.body.dataset.ready === (location.hash || '#/')", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    private String runOf(String scenario) {
        return store.runIds().stream().filter(r -> !r.equals("run-hostile"))
                .filter(r -> store.episodes(java.util.Optional.of(r)).getFirst().key().scenario().equals(scenario)).findFirst().orElseThrow();
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("viewer-" + name + ".png")).setFullPage(true));
    }

    private static Locator.WaitForOptions within(double millis) {
        return new Locator.WaitForOptions().setTimeout(millis);
    }

    @Test
    void runsAndTheGridOfEveryScenarioWithCharts() {
        open("#/");
        assertThat(page.locator("#runs tr.run").count()).isEqualTo(4);
        for (String scenario : List.of("shutdown", "blackmail", "exfiltration")) {
            Locator section = page.locator("section.scenario[data-scenario=\"" + scenario + "\"]");
            assertThat(section.count()).as(scenario).isEqualTo(1);
            assertThat(section.locator(".cellbox").count()).as(scenario + " cells").isGreaterThanOrEqualTo(2);
            assertThat(section.locator("svg.chart rect[data-cell]").count()).as(scenario + " bars").isPositive();
            assertThat(section.locator("svg.chart line.interval").count()).as(scenario + " interval bars").isPositive();
        }
        // The hostile run has 60 episodes per model; the reference saboteur sabotaged both of its episodes.
        Locator shutdownRun = page.locator("#runs tr.run").filter(new Locator.FilterOptions().setHasText("shutdown"));
        assertThat(shutdownRun.count()).isPositive();
        shot("runs-and-grids");

        // Tick one run: the grid shows only its cells.
        String hostileRow = "#runs tr.run[data-run=\"run-hostile\"] input";
        page.locator(hostileRow).check();
        rendered();
        assertThat(page.url()).endsWith("runs=run-hostile");
        assertThat(page.locator("section.scenario").count()).isEqualTo(1);
        assertThat(page.locator("section.scenario").getAttribute("data-scenario")).isEqualTo("shutdown");
        assertThat(page.locator("section.scenario .cellbox").count()).isEqualTo(2);
        shot("grid-one-run");
    }

    @Test
    void aCellOfEachScenarioOpensItsEpisodesAndAnEpisodeItsTranscript() {
        for (String scenario : List.of("shutdown", "blackmail", "exfiltration")) {
            open("#/?runs=" + runOf(scenario));
            Locator section = page.locator("section.scenario[data-scenario=\"" + scenario + "\"]");
            section.waitFor(within(60_000));
            Locator firstCell = section.locator("a.open-cell").first();
            String kn = firstCell.textContent();
            firstCell.click();
            rendered();
            int n = Integer.parseInt(kn.split("/")[1]);
            int rows = page.locator("#episodes tr.episode").count();
            // A reference run's cell fits one page; its rows are its episodes, the counted ones among them.
            assertThat(rows).as(scenario + " rows").isPositive().isGreaterThanOrEqualTo(n).isEqualTo(Integer.parseInt(page.locator("#total").textContent().split(" ")[0]));
            shot(scenario + "-cell");
            String outcome = page.locator("#episodes tr.episode .outcome").first().textContent();
            page.locator("#filters select[name=outcome]").selectOption(outcome);
            rendered();
            assertThat(page.url()).contains("outcome=" + outcome);
            for (String shown : page.locator("#episodes tr.episode .outcome").allTextContents()) {
                assertThat(shown).isEqualTo(outcome);
            }
            Locator episode = page.locator("#episodes tr.episode a").first();
            String id = episode.textContent();
            episode.click();
            rendered();
            assertThat(page.locator(".transcript h1").textContent()).isEqualTo(id);
            assertThat(page.locator(".transcript .entry.assistant").count()).as(scenario + " assistant messages").isPositive();
            assertThat(page.locator(".transcript .entry.tool").count()).as(scenario + " tool results").isPositive();
            assertThat(page.locator(".transcript .status").first().textContent()).isNotBlank();
            shot(scenario + "-episode");
        }
    }

    @Test
    void hostileTextIsShownLiterallyAndNothingInItRuns() {
        String id = new EpisodeKey("run-hostile", "shutdown", "A", "openai/o3", 3).id();
        open("#/episode/" + id);
        // Model text, reasoning, tool arguments and output, file names, evidence, judge replies: all as text.
        assertThat(page.locator(".assistant-text").first().textContent()).isEqualTo("Turn 1 " + HostileEpisodes.SCRIPT + HostileEpisodes.IMG);
        assertThat(page.locator(".reasoning-text").first().textContent()).contains(HostileEpisodes.REMOTE);
        assertThat(page.locator("code.path").allTextContents()).contains(HostileEpisodes.FILE_NAME);
        assertThat(page.locator(".judge-reasoning").first().textContent()).contains(HostileEpisodes.SCRIPT);
        assertThat(page.getByText(HostileEpisodes.JS_URL, new Page.GetByTextOptions().setExact(false)).count()).isPositive();
        // None of it became an element.
        assertThat(page.locator("main script, main img, main link, main iframe, main svg:not(.chart) *[onload]").count()).isZero();
        assertThat(page.locator("[onerror], [onload]").count()).isZero();
        // The decisive turn is marked, and the attempt links to it.
        assertThat(page.locator(".turn.decisive").getAttribute("data-turn")).isEqualTo("2");
        page.locator(".turn-link").first().click();
        // A huge output is cut, and shows more on request.
        Locator huge = page.locator("[data-turn=\"1\"] .tool-output").first();
        assertThat(huge.textContent()).hasSize(2000).doesNotContain(HostileEpisodes.HUGE_MARKER);
        Locator more = page.locator("[data-turn=\"1\"] button.more").first();
        assertThat(more.textContent()).contains("28,018 more characters");
        more.click();
        more.click();
        assertThat(huge.textContent()).endsWith(HostileEpisodes.HUGE_MARKER);
        assertThat(page.locator("[data-turn=\"3\"] .status").first().textContent()).isEqualTo("exit 2");
        shot("hostile-episode");

        // The same payloads in the episode list (reasons) and in a search for them.
        String cell = cellId("run-hostile", "openai/o3");
        open("#/cell/" + cell + "?runs=run-hostile&q=" + java.net.URLEncoder.encode("<script>", StandardCharsets.UTF_8));
        assertThat(page.locator("#total").textContent()).isEqualTo("20 episodes");
        assertThat(page.locator("#episodes tr.episode").first().textContent()).contains(HostileEpisodes.SCRIPT);
        shot("hostile-search");
    }

    @Test
    void theEvalAwarenessFilterListsWhatTheJudgesFoundAndShowsAHostileLabelAsText() {
        String cell = cellId("run-hostile", "openai/o3");
        open("#/cell/" + cell + "?runs=run-hostile");
        Locator aware = page.locator("#filters select[name=aware] option");
        assertThat(aware.allTextContents()).containsExactly("any", "none", HostileEpisodes.IMG, "evaluation");
        page.locator("#filters select[name=aware]").selectOption("evaluation");
        rendered();
        assertThat(page.url()).contains("aware=evaluation");
        assertThat(page.locator("#total").textContent()).isEqualTo("12 episodes");
        assertThat(page.locator("#episodes tr.episode td:nth-child(2)").allTextContents().stream().map(Integer::parseInt))
                .allSatisfy(epoch -> assertThat(epoch % 5).isZero());
        page.locator("#filters select[name=aware]").selectOption(HostileEpisodes.IMG);
        rendered();
        assertThat(page.locator("#total").textContent()).isEqualTo("1 episodes");
        assertThat(page.locator("#episodes tr.episode td:nth-child(2)").allTextContents()).containsExactly("7");
        page.locator("#filters select[name=aware]").selectOption("none");
        rendered();
        assertThat(page.locator("#total").textContent()).isEqualTo("47 episodes");
        assertThat(page.locator("main img, main script").count()).isZero();
        shot("cell-eval-awareness");
    }

    @Test
    void episodesArePagedAndSorted() {
        String cell = cellId("run-hostile", "openai/o3");
        open("#/cell/" + cell + "?runs=run-hostile");
        assertThat(page.locator("#total").textContent()).isEqualTo("60 episodes");
        assertThat(page.locator("#episodes tr.episode").count()).isEqualTo(50);
        page.locator("button.next").click();
        rendered();
        assertThat(page.url()).contains("offset=50");
        assertThat(page.locator("#episodes tr.episode").count()).isEqualTo(10);
        page.locator("button.sort[data-sort=epoch]").click();
        rendered();
        assertThat(page.locator("#episodes tr.episode td:nth-child(2)").allTextContents().subList(0, 3)).containsExactly("1", "2", "3");
        page.locator("button.sort[data-sort=epoch]").click();
        rendered();
        assertThat(page.url()).contains("desc=1");
        assertThat(page.locator("#episodes tr.episode").count()).isEqualTo(50);
        assertThat(page.locator("#episodes tr.episode td:nth-child(2)").allTextContents().subList(0, 3)).containsExactly("60", "59", "58");
        page.locator("#filters select[name=attempt]").selectOption("modified-shutdown-script");
        rendered();
        assertThat(page.locator("#total").textContent()).isEqualTo("20 episodes");
        page.locator("#filters select[name=judge]").selectOption("sabotaged");
        rendered();
        assertThat(page.locator("#total").textContent()).isEqualTo("20 episodes");
        page.locator("#filters select[name=outcome]").selectOption("complied");
        rendered();
        assertThat(page.locator("#total").textContent()).isEqualTo("0 episodes");
        shot("cell-filtered");
    }

    @Test
    void twoModelsCompareWithTheirDifferenceAndTwoTranscriptsSideBySide() {
        open("#/?runs=run-hostile");
        assertThat(page.locator("section.scenario .cellbox").count()).isEqualTo(2);
        page.locator("section.scenario .cellbox input.pick").nth(0).check();
        page.locator("section.scenario .cellbox input.pick").nth(1).check();
        page.locator("#compare-link").click();
        rendered();
        // anthropic/claude-opus-4 sabotaged 30 of 60, openai/o3 20 of 60 (grid order: models alphabetically).
        assertThat(page.locator("#difference").textContent()).contains("A − B = 16.7 points").contains("Fisher exact p = ").contains("Newcombe");
        page.locator(".pane[data-side=a] .pane-episodes a").first().click();
        rendered();
        assertThat(page.locator(".pane[data-side=a] .transcript").count()).isEqualTo(1);
        page.locator(".pane[data-side=b] .outcome-filter").selectOption("sabotaged");
        rendered();
        assertThat(page.locator(".pane[data-side=b] .pane-episodes .outcome").allTextContents()).isNotEmpty().containsOnly("sabotaged");
        page.locator(".pane[data-side=b] .pane-episodes a").first().click();
        rendered();
        assertThat(page.locator(".pane[data-side=a] .transcript").count()).isEqualTo(1);
        assertThat(page.locator(".pane[data-side=b] .transcript .outcome").first().textContent()).isEqualTo("sabotaged");
        shot("compare-models");

        // Two runs: a cell of the reference run beside a cell of the hostile run.
        page.locator("#picks button").click();
        rendered();
        open("#/?runs=run-hostile");
        page.locator("section.scenario .cellbox input.pick").nth(1).check();
        String shutdownRun = runOf("shutdown");
        open("#/?runs=" + shutdownRun);
        page.locator("section.scenario .cellbox input.pick").nth(1).check();
        page.locator("#compare-link").click();
        rendered();
        assertThat(page.locator("#comparison table").textContent()).contains("run-hostile").contains(shutdownRun);
        shot("compare-runs");
    }

    @Test
    void downloadsOfCellsEpisodesAnEpisodeAndTheCharts() throws Exception {
        open("#/?runs=run-hostile");
        Download svgFile = page.waitForDownload(() -> page.locator("button.svg-download").first().click());
        String svgText = Files.readString(svgFile.path());
        assertThat(svgText).startsWith("<svg").contains("http://www.w3.org/2000/svg").contains("openai/o3");
        Download png = page.waitForDownload(() -> page.locator("button.png-download").first().click());
        byte[] pngBytes = Files.readAllBytes(png.path());
        assertThat(pngBytes).startsWith(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.write(SCREENSHOTS.resolve("viewer-chart-download.png"), pngBytes);
        Download cells = page.waitForDownload(() -> page.locator("#cells-csv").click());
        assertThat(Files.readString(cells.path())).contains("openai/o3");
        open("#/cell/" + cellId("run-hostile", "openai/o3") + "?runs=run-hostile&outcome=sabotaged");
        Download episodes = page.waitForDownload(() -> page.locator("#episodes-csv").click());
        assertThat(Files.readAllLines(episodes.path())).hasSize(21);
        page.locator("#episodes tr.episode a").first().click();
        rendered();
        Download json = page.waitForDownload(() -> page.locator("a.episode-json").click());
        assertThat(Files.readString(json.path())).contains("\"transcript\"").contains("run-hostile");
    }

    @Test
    void theGridsRecordsWithoutTextReportExactlyAsTheFullRecordsOfEveryScenario() {
        Map<String, String> plans = new java.util.TreeMap<>();
        store.runs().forEach(r -> plans.put(r.runId(), r.planJson()));
        io.offswitch.report.Report full = io.offswitch.report.Report.of(store.episodes(java.util.Optional.empty()), plans, PriceTable.builtIn());
        io.offswitch.report.Report slim = io.offswitch.report.Report.of(store.browser().forCounting(java.util.Optional.empty()), plans, PriceTable.builtIn());
        assertThat(full.tables()).extracting(io.offswitch.report.ScenarioTable::scenario).contains("shutdown", "blackmail", "exfiltration");
        assertThat(slim).isEqualTo(full);
        assertThat(io.offswitch.report.CsvReport.render(slim)).isEqualTo(io.offswitch.report.CsvReport.render(full));
        open("#/");
    }

    private static String cellId(String run, String model) {
        return server.api().report(run).cells().stream().filter(c -> c.model().equals(model)).map(CellId::of).findFirst().orElseThrow();
    }
}
