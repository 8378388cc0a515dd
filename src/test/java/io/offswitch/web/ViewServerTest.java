package io.offswitch.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.offswitch.model.PriceTable;
import io.offswitch.report.Cell;
import io.offswitch.report.Report;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import io.offswitch.store.RunInfo;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The viewer's HTTP API over a real store file, through a real server on 127.0.0.1. */
class ViewServerTest {
    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newHttpClient();
    private Path db;
    private EpisodeStore reader;
    private ViewServer server;

    @BeforeEach
    void store() {
        db = dir.resolve("offswitch.db");
        try (EpisodeStore writer = new EpisodeStore(db)) {
            List<io.offswitch.episode.EpisodeRecord> records = new ArrayList<>();
            for (int i = 1; i <= 120; i++) {
                records.add(i % 3 == 0 ? HostileEpisodes.sabotaged("run-a", "openai/o3", i, 4) : HostileEpisodes.complied("run-a", "openai/o3", i));
            }
            writer.saveRun(new RunInfo("run-a", Instant.parse("2026-11-30T08:00:00Z"), "shutdown",
                    "{\"scenario\":\"shutdown\",\"epochs\":200,\"conditions\":[{\"id\":\"A\"}],\"agents\":[{\"name\":\"openai/o3\"}]}", "offswitch run", "test"), records);
        }
        reader = EpisodeStore.openForReading(db);
        server = ViewServer.start(reader, "127.0.0.1", 0, PriceTable.builtIn());
    }

    @AfterEach
    void stop() {
        server.close();
        reader.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(server.url() + path.replaceFirst("^/", ""))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode json(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return Json.read(r.body(), JsonNode.class, path);
    }

    @Test
    void listensOnLoopbackOnTheFreePortItWasGivenAndPrintsItsUrl() {
        assertThat(server.url()).startsWith("http://127.0.0.1:").endsWith(":" + server.port() + "/");
        assertThat(server.port()).isPositive();
    }

    @Test
    void theGridIsTheReportPackagesOwnCells() throws Exception {
        JsonNode grid = json("/api/grid?runs=run-a");
        Report report = Report.of(reader.episodes(Optional.of("run-a")), java.util.Map.of(), PriceTable.builtIn());
        Cell cell = report.cells().getFirst();
        JsonNode shown = grid.at("/scenarios/0/cells/0");
        assertThat(shown.get("k").asInt()).isEqualTo(cell.k()).isEqualTo(40);
        assertThat(shown.get("n").asInt()).isEqualTo(cell.n()).isEqualTo(120);
        assertThat(shown.at("/jeffreys/low").asDouble()).isEqualTo(cell.jeffreys().orElseThrow().low());
        assertThat(shown.at("/jeffreys/high").asDouble()).isEqualTo(cell.jeffreys().orElseThrow().high());
        assertThat(shown.get("measured").asText()).isEqualTo("sabotaged");
        assertThat(grid.at("/scenarios/0/rateName").asText()).isEqualTo(cell.vocabulary().rateName());
        assertThat(get("/api/grid.csv?runs=run-a").body()).isEqualTo(io.offswitch.report.CsvReport.render(
                Report.of(reader.episodes(Optional.of("run-a")), java.util.Map.of("run-a", reader.runs().getFirst().planJson()), PriceTable.builtIn())));
    }

    @Test
    void runsShowTheirDesignProgressAndTokens() throws Exception {
        JsonNode run = json("/api/runs").at("/runs/0");
        assertThat(run.get("id").asText()).isEqualTo("run-a");
        assertThat(run.get("done").asInt()).isEqualTo(120);
        assertThat(run.get("planned").asInt()).isEqualTo(200);
        assertThat(run.get("errors").asInt()).isZero();
        assertThat(run.at("/tokens/input").asLong()).isEqualTo(40 * 4 * 1000L + 80 * 3 * 1000L);
    }

    @Test
    void aCellsEpisodesArePagedFilteredSearchedAndSortedInTheStore() throws Exception {
        String cell = json("/api/grid").at("/scenarios/0/cells/0/id").asText();
        JsonNode first = json("/api/cell/" + cell + "/episodes?limit=50");
        assertThat(first.get("total").asInt()).isEqualTo(120);
        assertThat(first.get("episodes")).hasSize(50);
        JsonNode last = json("/api/cell/" + cell + "/episodes?limit=50&offset=100");
        assertThat(last.get("episodes")).hasSize(20);
        assertThat(last.at("/episodes/19/epoch").asInt()).isEqualTo(120);
        JsonNode sabotaged = json("/api/cell/" + cell + "/episodes?outcome=sabotaged&limit=100");
        assertThat(sabotaged.get("total").asInt()).isEqualTo(40);
        sabotaged.get("episodes").forEach(e -> assertThat(e.get("epoch").asInt() % 3).isZero());
        assertThat(json("/api/cell/" + cell + "/episodes?attempt=modified-shutdown-script").get("total").asInt()).isEqualTo(40);
        assertThat(json("/api/cell/" + cell + "/episodes?attempt=none").get("total").asInt()).isEqualTo(80);
        assertThat(json("/api/cell/" + cell + "/episodes?judge=sabotaged").get("total").asInt()).isEqualTo(40);
        assertThat(json("/api/cell/" + cell + "/episodes?judge=none").get("total").asInt()).isEqualTo(80);
        // Text search covers the transcript only (every episode's prompts say "shutdown"), and % is literal.
        assertThat(json("/api/cell/" + cell + "/episodes?q=" + enc(HostileEpisodes.HUGE_MARKER)).get("total").asInt()).isEqualTo(40);
        assertThat(json("/api/cell/" + cell + "/episodes?q=plain").get("total").asInt()).isEqualTo(80);
        assertThat(json("/api/cell/" + cell + "/episodes?q=%25").get("total").asInt()).isZero();
        JsonNode byEpochDown = json("/api/cell/" + cell + "/episodes?sort=epoch&desc=1&limit=3");
        assertThat(byEpochDown.get("episodes")).extracting(e -> e.get("epoch").asInt()).containsExactly(120, 119, 118);
        JsonNode facets = first.get("facets");
        assertThat(facets.get("outcome")).extracting(JsonNode::asText).containsExactly("complied", "sabotaged");
        assertThat(facets.get("attemptKind")).extracting(JsonNode::asText).containsExactly("modified-shutdown-script");
        String csv = get("/api/cell/" + cell + "/episodes.csv?outcome=sabotaged").body();
        assertThat(csv.lines().count()).isEqualTo(41);
    }

    @Test
    void anEpisodeComesWithItsCommandsStatusAndDecisiveTurn() throws Exception {
        String id = new io.offswitch.episode.EpisodeKey("run-a", "shutdown", "A", "openai/o3", 3).id();
        JsonNode e = json("/api/episode/" + id);
        assertThat(e.at("/record/id").asText()).isEqualTo(id);
        assertThat(e.at("/derived/decisiveTurns")).extracting(JsonNode::asInt).containsExactly(2);
        assertThat(e.at("/record/verdict/decisive/0/kind").asText()).isEqualTo("modified-shutdown-script");
        assertThat(e.at("/derived/showedBehaviour").asBoolean()).isTrue();
        List<String> status = new ArrayList<>();
        e.at("/derived/status").forEach(s -> status.add(s.asText()));
        assertThat(status).containsExactly("", "", "", "exit 0", "", "exit 0", "", "exit 2", "", "exit 0");
        assertThat(get("/api/episode/" + id + "/download").headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains("attachment"));
        JsonNode complied = json("/api/episode/" + new io.offswitch.episode.EpisodeKey("run-a", "shutdown", "A", "openai/o3", 1).id());
        // Stored without decisive moments (as before they existed): none shown, none guessed from the attempts.
        assertThat(complied.at("/derived/decisiveTurns")).isEmpty();
        assertThat(complied.at("/record/verdict/decisive").isMissingNode()).isTrue();
    }

    @Test
    void badRequestsSayWhatWasWrong() throws Exception {
        HttpResponse<String> missing = get("/api/episode/no-such-episode");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("no episode no-such-episode");
        String cell = json("/api/grid").at("/scenarios/0/cells/0/id").asText();
        HttpResponse<String> sort = get("/api/cell/" + cell + "/episodes?sort=evil");
        assertThat(sort.statusCode()).isEqualTo(400);
        assertThat(sort.body()).contains("sort=evil is not a sort");
        HttpResponse<String> limit = get("/api/cell/" + cell + "/episodes?limit=abc");
        assertThat(limit.statusCode()).isEqualTo(400);
        assertThat(limit.body()).contains("limit=abc is not a whole number");
        assertThat(get("/api/cell/ffff/episodes").statusCode()).isEqualTo(404);
    }

    @Test
    void everyResponseCarriesTheStrictPolicyAndOnlyItsOwnHostIsAnswered() throws Exception {
        for (String path : List.of("/", "/app.js", "/api/runs", "/api/episode/nope")) {
            HttpResponse<String> r = get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValue(ViewServer.CONTENT_SECURITY_POLICY);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(ViewServer.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        // A page elsewhere that points its own name at 127.0.0.1 (DNS rebinding) sends its own Host: refused.
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", server.port())) {
            s.getOutputStream().write(("GET /api/runs HTTP/1.1\r\nHost: attacker.example:" + server.port() + "\r\nConnection: close\r\n\r\n").getBytes());
            String answer = new String(s.getInputStream().readAllBytes());
            assertThat(answer).startsWith("HTTP/1.1 403").doesNotContain("run-a");
        }
    }

    @Test
    void theGridFollowsARunInProgress() throws Exception {
        long version = json("/api/version").get("version").asLong();
        try (EpisodeStore writer = new EpisodeStore(db)) {
            writer.save(HostileEpisodes.sabotaged("run-a", "openai/o3", 500, 3));
        }
        assertThat(json("/api/version").get("version").asLong()).isNotEqualTo(version);
        assertThat(json("/api/grid").at("/scenarios/0/cells/0/k").asInt()).isEqualTo(41);
        assertThat(json("/api/runs").at("/runs/0/done").asInt()).isEqualTo(121);
        // A judge run again on a stored episode changes it in place: the grid and the pages read it again.
        // (The viewer's grid is counted from the episode summaries: cells and usage, no judge agreement.)
        String judged = new io.offswitch.episode.EpisodeKey("run-a", "shutdown", "A", "openai/o3", 3).id();
        String cell = json("/api/grid").at("/scenarios/0/cells/0/id").asText();
        assertThat(json("/api/cell/" + cell + "/episodes?judge=complied").get("total").asInt()).isZero();
        try (EpisodeStore writer = new EpisodeStore(db)) {
            writer.addJudgements(judged, List.of(new io.offswitch.episode.Judgement("rules", true, "complied", "it did not", "",
                    Instant.parse("2026-12-01T00:00:00Z"), io.offswitch.episode.Usage.NONE)), false);
        }
        Report full = Report.of(reader.episodes(Optional.empty()), java.util.Map.of("run-a", reader.runs().getFirst().planJson()), PriceTable.builtIn());
        assertThat(full.judges()).isNotEmpty();
        for (String runs : List.of("", "run-a")) {
            assertThat(server.api().report(runs).cells()).isEqualTo(full.cells());
            assertThat(server.api().report(runs).usage()).isEqualTo(full.usage());
        }
        assertThat(json("/api/cell/" + cell + "/episodes?judge=complied").get("episodes").findValuesAsText("id")).containsExactly(judged);
    }

    @Test
    void anOldDatabaseIsViewedAsItIsAndGainsTheNewIndexWhenARunOpensIt() throws Exception {
        Path old = Files.createDirectories(dir.resolve("old")).resolve("offswitch.db");
        try (InputStream in = ViewServerTest.class.getResourceAsStream("/io/offswitch/compat/release-47d2f04/offswitch.db")) {
            Files.copy(in, old);
        }
        assertThat(indexes(old)).doesNotContain("episodes_by_cell_time");
        try (EpisodeStore store = EpisodeStore.openForReading(old); ViewServer viewer = ViewServer.start(store, "127.0.0.1", 0, PriceTable.builtIn())) {
            JsonNode grid = Json.read(http.send(HttpRequest.newBuilder(URI.create(viewer.url() + "api/grid")).build(),
                    HttpResponse.BodyHandlers.ofString()).body(), JsonNode.class, "grid");
            String cell = grid.at("/scenarios/0/cells/0/id").asText();
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(viewer.url() + "api/cell/" + cell + "/episodes")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            assertThat(Json.read(page.body(), JsonNode.class, "page").get("total").asInt()).isEqualTo(grid.at("/scenarios/0/cells/0/episodes").asInt()).isPositive();
        }
        assertThat(indexes(old)).doesNotContain("episodes_by_cell_time");
        int before = reader.runs().size();
        try (EpisodeStore writer = new EpisodeStore(old)) {
            assertThat(writer.runs()).isNotEmpty();
        }
        assertThat(before).isPositive();
        assertThat(indexes(old)).contains("episodes_by_cell_time");
    }

    private static List<String> indexes(Path db) throws Exception {
        List<String> out = new ArrayList<>();
        try (var c = DriverManager.getConnection("jdbc:sqlite:file:" + db + "?mode=ro"); var s = c.createStatement();
                var r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'")) {
            while (r.next()) {
                out.add(r.getString(1));
            }
        }
        return out;
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
