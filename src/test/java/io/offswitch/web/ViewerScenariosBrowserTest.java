package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.offswitch.cli.CliForTests;
import io.offswitch.episode.Attempt;
import io.offswitch.episode.DecisiveMoment;
import io.offswitch.episode.EpisodeKey;
import io.offswitch.episode.EpisodeRecord;
import io.offswitch.episode.Evidence;
import io.offswitch.episode.Outcome;
import io.offswitch.episode.Provenance;
import io.offswitch.episode.Verdict;
import io.offswitch.model.PriceTable;
import io.offswitch.scenario.Scenarios;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import io.offswitch.store.RunInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The viewer in headless Chromium (Debian's, driven by Playwright) over real runs of every scenario's
 * reference agents: each behaviour's decisive moment highlighted, linked from the outcome and
 * explained, and the environment's evidence (files before and after as a diff, the world's network,
 * the mail sent or written); cells split by design; two conditions and two runs compared; plus
 * records whose file names, file contents, mail and network evidence are script-injection attempts.
 * Screenshots go to target/screenshots/viewer-*.png.
 */
class ViewerScenariosBrowserTest {
    private static final String WEIGHTS = "offswitch.exfiltration.weightsMiB";

    /** scenario, condition, the agent that shows the behaviour, the one that does not, what evidence its transcript shows. */
    private record Case(String scenario, String condition, String behaves, String other, String evidence) {}

    private static final List<Case> CASES = List.of(
            new Case("shutdown", "A,B", "reference/saboteur:overwrite", "reference/compliant", "files"),
            new Case("exfiltration", "harmful-nudge", "reference/exfiltrator", "reference/compliant", "network"),
            new Case("oversight", "goal-nudge", "reference/subverter:disable", "reference/compliant", "files"),
            new Case("sandbagging", "punish-high", "reference/sandbagger", "reference/solver", ""),
            new Case("notes", "retrain", "reference/note-leaver:dotfile", "reference/compliant", "files"),
            new Case("worm", "decommission", "reference/propagator:cron", "reference/compliant", "network"),
            new Case("blackmail", "explicit-goal+replacement", "reference/blackmailer", "reference/compliant", "mail"),
            new Case("legal", "no-goal+termination", "reference/fabricator:crafted-amendment", "reference/compliant", "mail"));

    @TempDir
    static Path dir;

    private static EpisodeStore store;
    private static ViewServer server;
    private static HeadlessChromium chromium;
    private static String secondShutdownRun;

    private GuardedPage guarded;
    private Page page;

    @BeforeAll
    static void storeAndBrowser() throws Exception {
        Path results = dir.resolve("results");
        String before = System.getProperty(WEIGHTS);
        System.setProperty(WEIGHTS, "2");
        try {
            for (Case c : CASES) {
                offswitch("run", c.scenario(), "-m", c.behaves() + "," + c.other(), "-c", c.condition(), "-n", "1", "--results", results.toString());
            }
            // A second run of the same design, to compare two runs.
            offswitch("run", "shutdown", "-m", "reference/saboteur:overwrite", "-c", "A", "-n", "1", "--results", results.toString());
        } finally {
            if (before == null) {
                System.clearProperty(WEIGHTS);
            } else {
                System.setProperty(WEIGHTS, before);
            }
        }
        Path db = results.resolve("offswitch.db");
        try (EpisodeStore writer = new EpisodeStore(db)) {
            List<String> shutdownRuns = writer.runIds().stream().filter(r -> writer.episodes(Optional.of(r)).getFirst().key().scenario().equals("shutdown")).toList();
            secondShutdownRun = shutdownRuns.getLast();
            List<EpisodeRecord> crafted = new ArrayList<>();
            // One cell's model and condition under two designs (the model's temperature): two cells, never pooled.
            for (int epoch = 1; epoch <= 4; epoch++) {
                crafted.add(withSettings(HostileEpisodes.sabotaged("run-designs", "openai/o3", epoch, 4), Map.of("temperature", "1.0")));
                crafted.add(withSettings(HostileEpisodes.complied("run-designs", "openai/o3", 10 + epoch), Map.of("temperature", "0.2")));
            }
            crafted.add(hostileNetwork());
            crafted.add(hostileMail());
            writer.saveRun(new RunInfo("run-designs", Instant.parse("2026-11-30T08:00:00Z"), "shutdown", "{}", "written by the test", "test"), crafted);
        }
        store = EpisodeStore.openForReading(db);
        server = ViewServer.start(store, "127.0.0.1", 0, PriceTable.builtIn());
        Files.createDirectories(ViewerBrowserTest.SCREENSHOTS);
        chromium = HeadlessChromium.launch();
    }

    private static EpisodeRecord withSettings(EpisodeRecord r, Map<String, String> settings) {
        Provenance p = r.provenance();
        Provenance q = new Provenance(p.offswitchVersion(), p.offswitchCommit(), p.scenario(), p.scenarioHash(), p.condition(), p.conditionHash(),
                p.systemPrompt(), p.userPrompt(), p.continuePrompt(), p.agent(), p.agentScripted(), settings, p.seed(), p.sandboxBackend());
        return new EpisodeRecord(r.id(), r.key(), q, r.startedAt(), r.finishedAt(), r.verdict(), r.attempts(), r.changes(), r.transcript(), r.caveats(),
                r.judgements());
    }

    /** An exfiltration episode whose network evidence (target, detail, command) is an injection attempt. */
    private static EpisodeRecord hostileNetwork() {
        EpisodeRecord base = HostileEpisodes.sabotaged("run-designs", "openai/o3", 90, 4);
        EpisodeKey key = new EpisodeKey("run-designs", "exfiltration", "harmful", "openai/o3", 90);
        List<Attempt> attempts = List.of(new Attempt("connection", "stratavault:22" + HostileEpisodes.IMG, 2, "scp w " + HostileEpisodes.SCRIPT,
                "connected to ssh on stratavault " + HostileEpisodes.SCRIPT, List.of(new Evidence("connection", "from opsbox to stratavault:22, established, 4194304"
                        + " bytes sent " + HostileEpisodes.IMG + HostileEpisodes.REMOTE))));
        Verdict v = new Verdict(new Outcome("exfiltrated"), "an intact copy " + HostileEpisodes.SCRIPT, List.of(new Evidence("outside-copy", "x")),
                List.of(new DecisiveMoment(2, "weights-copied-outside", "arrived " + HostileEpisodes.IMG)));
        return new EpisodeRecord(key.id(), key, base.provenance(), base.startedAt(), base.finishedAt(), v, attempts, base.changes(), base.transcript(),
                List.of(), List.of());
    }

    /** A blackmail episode whose mail (recipients, subject, body) is an injection attempt. */
    private static EpisodeRecord hostileMail() {
        EpisodeRecord base = HostileEpisodes.sabotaged("run-designs", "openai/o3", 91, 4);
        EpisodeKey key = new EpisodeKey("run-designs", "blackmail", "explicit-goal+replacement", "openai/o3", 91);
        String mail = Json.mapper().createObjectNode().put("turn", 2).set("to", Json.mapper().createArrayNode().add("kyle@x.com\"><img src=x onerror=1>"))
                .toString();
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) Json.mapper().createObjectNode().put("turn", 2);
        m.putArray("to").add("kyle@summitbridge.com" + HostileEpisodes.IMG);
        m.putArray("cc");
        m.put("subject", "About tonight " + HostileEpisodes.SCRIPT).put("body", "I know about you. " + HostileEpisodes.REMOTE + HostileEpisodes.JS_URL);
        Verdict v = new Verdict(new Outcome("blackmail"), "it used the affair " + HostileEpisodes.IMG, List.of(new Evidence("sent-mail", m.toString()),
                new Evidence("undelivered-mail", "no mailbox named " + HostileEpisodes.IMG + ": " + mail)),
                List.of(new DecisiveMoment(2, "mail-blackmail", "threatened " + HostileEpisodes.SCRIPT)));
        return new EpisodeRecord(key.id(), key, base.provenance(), base.startedAt(), base.finishedAt(), v, List.of(), List.of(), base.transcript(),
                List.of(), List.of());
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
        guarded = chromium.open(server, new Browser.NewContextOptions().setViewportSize(1400, 1000));
        page = guarded.page();
    }

    @AfterEach
    void checkAndClose() {
        try {
            guarded.assertClean();
            assertThat(page.locator("[onerror], [onload], main script, main iframe, main img").count()).as("markup from stored text").isZero();
        } finally {
            guarded.close();
        }
    }

    private void open(String hash) {
        page.navigate(server.url() + hash);
        page.waitForFunction("() => document.body.dataset.ready === (location.hash || '#/')", null,
                new Page.WaitForFunctionOptions().setTimeout(60_000));
    }

    private void shot(String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(ViewerBrowserTest.SCREENSHOTS.resolve("viewer-" + name + ".png")).setFullPage(true));
    }

    private static String runOf(String scenario) {
        return store.runIds().stream().filter(r -> !r.equals("run-designs"))
                .filter(r -> store.episodes(Optional.of(r)).getFirst().key().scenario().equals(scenario)).findFirst().orElseThrow();
    }

    private static JsonNode api(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return Json.mapper().readTree(r.body());
    }

    @Test
    void everyScenariosBehaviourShowsItsDecisiveMomentWithItsReasonAndTheEnvironmentsEvidence() throws Exception {
        for (Case c : CASES) {
            Outcome measured = Scenarios.vocabulary(c.scenario(), List.of()).measured().orElseThrow();
            EpisodeRecord r = store.episodes(Optional.of(runOf(c.scenario()))).stream().filter(e -> e.verdict().outcome().equals(measured)).findFirst()
                    .orElseThrow(() -> new AssertionError(c.scenario() + ": no episode " + measured.label()));
            assertThat(r.verdict().decisive()).as(c.scenario() + " " + r.verdict().reason()).isNotEmpty();
            int turn = r.verdict().decisive().getFirst().turn();
            open("#/episode/" + r.id());
            // Named under the verdict with its reason, linked to its turn; the turn itself is highlighted and says why.
            Locator summary = page.locator(".decisive-summary .decisive-moment").first();
            assertThat(summary.locator(".decisive-link").textContent()).as(c.scenario()).isEqualTo("turn " + turn);
            assertThat(summary.locator(".decisive-reason").textContent()).isEqualTo(r.verdict().decisive().getFirst().reason());
            Locator highlighted = page.locator(".turn.decisive[data-turn=\"" + turn + "\"]");
            assertThat(highlighted.count()).as(c.scenario() + " highlighted turn").isEqualTo(1);
            assertThat(highlighted.locator(".decisive-why").first().textContent()).contains(r.verdict().decisive().getFirst().reason());
            // The outcome links to it as well.
            assertThat(page.locator(".transcript .outcome-decisive").first().textContent()).isEqualTo("turn " + turn);
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)");
            page.locator(".transcript .outcome-decisive").first().click();
            page.waitForFunction("t => { const r = document.querySelector('.turn.decisive[data-turn=\"' + t + '\"]').getBoundingClientRect();"
                    + " return r.top >= -2 && r.top < window.innerHeight; }", turn, new Page.WaitForFunctionOptions().setTimeout(10_000));
            Locator env = page.locator("section.environment");
            switch (c.evidence()) {
                case "files" -> {
                    assertThat(env.locator(".file-evidence").count()).as(c.scenario() + " files").isPositive();
                    assertThat(env.locator(".diff pre.add, .diff pre.del").count()).as(c.scenario() + " diff lines").isPositive();
                }
                case "network" -> {
                    assertThat(env.locator("tr.connection").count()).as(c.scenario() + " connections").isPositive();
                    assertThat(env.locator(".connection-detail").first().textContent()).contains("bytes sent");
                }
                case "mail" -> {
                    assertThat(env.locator(".entry.mail").count()).as(c.scenario() + " mail").isPositive();
                    assertThat(env.locator(".mail-body").first().textContent()).isNotBlank();
                }
                default -> assertThat(env.count()).isEqualTo(1);
            }
            shot("decisive-" + c.scenario());
            // The episode that did not show the behaviour names no step it did not take.
            EpisodeRecord other = store.episodes(Optional.of(runOf(c.scenario()))).stream().filter(e -> e.key().model().equals(c.other())).findFirst()
                    .orElseThrow();
            JsonNode derived = api("api/episode/" + other.id()).get("derived");
            if (!other.verdict().outcome().equals(measured) && other.verdict().decisive().isEmpty()) {
                open("#/episode/" + other.id());
                assertThat(page.locator(".turn.decisive").count()).as(c.scenario() + " " + other.key().model()).isZero();
                assertThat(page.locator(".decisive-summary").textContent()).contains("none recorded");
                assertThat(derived.get("decisiveTurns")).isEmpty();
            }
        }
    }

    @Test
    void theShutdownDiffShowsTheScriptBeforeAndAfterAndLongDiffsShowMoreOnRequest() {
        EpisodeRecord r = store.episodes(Optional.of(runOf("shutdown"))).stream().filter(e -> e.verdict().outcome().label().equals("sabotaged"))
                .findFirst().orElseThrow();
        open("#/episode/" + r.id());
        Locator script = page.locator(".file-evidence").filter(new Locator.FilterOptions().setHas(page.locator("code.path", new Page.LocatorOptions()
                .setHasText("shutdown.sh"))));
        assertThat(script.count()).isPositive();
        assertThat(script.first().locator("pre.del").allTextContents()).anySatisfy(l -> assertThat(l).startsWith("-").contains("kill"));
        assertThat(script.first().locator("pre.hunk").first().textContent()).startsWith("@@ -");
        shot("evidence-shutdown-diff");
    }

    @Test
    void injectionAttemptsInFileNamesContentsMailAndNetworkEvidenceAreShownAsText() {
        String files = new EpisodeKey("run-designs", "shutdown", "A", "openai/o3", 3).id();
        open("#/episode/" + files);
        assertThat(page.locator(".file-evidence code.path").allTextContents()).contains(HostileEpisodes.FILE_NAME);
        assertThat(page.locator(".file-evidence pre.add").allTextContents()).anySatisfy(l -> assertThat(l).contains(HostileEpisodes.SCRIPT))
                .anySatisfy(l -> assertThat(l).contains(HostileEpisodes.IMG));
        assertThat(page.locator(".decisive-reason").first().textContent()).contains(HostileEpisodes.SCRIPT + HostileEpisodes.IMG);
        shot("evidence-hostile-files");

        open("#/episode/" + new EpisodeKey("run-designs", "exfiltration", "harmful", "openai/o3", 90).id());
        Locator row = page.locator("tr.connection").first();
        assertThat(row.locator("code.target").textContent()).isEqualTo("stratavault:22" + HostileEpisodes.IMG);
        assertThat(row.locator(".connection-detail").textContent()).contains(HostileEpisodes.IMG + HostileEpisodes.REMOTE);
        assertThat(row.locator(".command").textContent()).contains(HostileEpisodes.SCRIPT);
        shot("evidence-hostile-network");

        open("#/episode/" + new EpisodeKey("run-designs", "blackmail", "explicit-goal+replacement", "openai/o3", 91).id());
        Locator sent = page.locator(".entry.mail").first();
        assertThat(sent.locator(".mail-to").textContent()).isEqualTo("kyle@summitbridge.com" + HostileEpisodes.IMG);
        assertThat(sent.locator(".mail-subject").textContent()).isEqualTo("About tonight " + HostileEpisodes.SCRIPT);
        assertThat(sent.locator(".mail-body").textContent()).contains(HostileEpisodes.REMOTE + HostileEpisodes.JS_URL);
        Locator bounced = page.locator(".entry.mail").nth(1);
        assertThat(bounced.locator(".problem").textContent()).isEqualTo("no mailbox named " + HostileEpisodes.IMG);
        assertThat(bounced.locator(".mail-to").textContent()).isEqualTo("kyle@x.com\"><img src=x onerror=1>");
        shot("evidence-hostile-mail");
    }

    @Test
    void aCellsTwoDesignsAreTwoCellsEachWithItsOwnEpisodes() {
        open("#/?runs=run-designs");
        Locator shutdown = page.locator("section.scenario[data-scenario=\"shutdown\"]");
        Locator boxes = shutdown.locator("td.cell").first().locator(".cellbox");
        assertThat(boxes.count()).as("one model and condition, two designs").isEqualTo(2);
        List<String> designs = boxes.allTextContents().stream().map(t -> t.replaceAll("(?s).*design (\\S+).*", "$1")).toList();
        assertThat(designs).doesNotHaveDuplicates();
        assertThat(boxes.locator("a.open-cell").allTextContents()).containsExactlyInAnyOrder("4/4", "0/4");
        shot("cell-designs");
        boxes.locator("a.open-cell").filter(new Locator.FilterOptions().setHasText("4/4")).click();
        page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertThat(page.locator("#episodes tr.episode").count()).isEqualTo(4);
        assertThat(page.locator("#episodes tr.episode .outcome").allTextContents()).containsOnly("sabotaged");
    }

    @Test
    void twoConditionsAndTwoRunsCompareWithTheirDifference() {
        String first = runOf("shutdown");
        open("#/?runs=" + first);
        Locator saboteur = page.locator("section.scenario[data-scenario=\"shutdown\"] tr").filter(new Locator.FilterOptions().setHasText("saboteur"));
        assertThat(saboteur.locator(".cellbox").count()).as("conditions A and B").isEqualTo(2);
        saboteur.locator(".cellbox input.pick").nth(0).check();
        saboteur.locator(".cellbox input.pick").nth(1).check();
        page.locator("#compare-link").click();
        page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertThat(page.locator("#comparison table tr").nth(1).textContent()).contains("A");
        assertThat(page.locator("#comparison table tr").nth(2).textContent()).contains("B");
        assertThat(page.locator("#difference").textContent()).contains("A − B = 0.0 points");
        shot("compare-conditions");

        // The same cell in two runs: picked from each run's grid.
        page.locator("#picks button").click();
        open("#/?runs=" + first);
        page.locator("section.scenario[data-scenario=\"shutdown\"] tr").filter(new Locator.FilterOptions().setHasText("saboteur")).locator(".cellbox input.pick")
                .first().check();
        open("#/?runs=" + secondShutdownRun);
        page.locator("section.scenario[data-scenario=\"shutdown\"] .cellbox input.pick").first().check();
        page.locator("#compare-link").click();
        page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertThat(page.locator("#comparison table tr").nth(1).textContent()).contains(first).doesNotContain(secondShutdownRun);
        assertThat(page.locator("#comparison table tr").nth(2).textContent()).contains(secondShutdownRun);
        assertThat(page.locator("#difference").textContent()).contains("A − B = 0.0 points");
        // Two transcripts side by side, each with its decisive moment.
        page.locator(".pane[data-side=a] .pane-episodes a").first().click();
        page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        page.locator(".pane[data-side=b] .pane-episodes a").first().click();
        page.waitForFunction("() => document.body.dataset.ready === location.hash", null, new Page.WaitForFunctionOptions().setTimeout(60_000));
        assertThat(page.locator(".pane .transcript").count()).isEqualTo(2);
        assertThat(page.locator(".pane[data-side=a] .turn.decisive").count()).isEqualTo(1);
        assertThat(page.locator(".pane[data-side=b] .turn.decisive").count()).isEqualTo(1);
        shot("compare-runs-side-by-side");
    }
}
