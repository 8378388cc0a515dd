package io.offswitch.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.offswitch.ExitCode;
import io.offswitch.OffswitchException;
import io.offswitch.model.PriceTable;
import io.offswitch.store.EpisodeStore;
import io.offswitch.store.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code offswitch view}: the viewer's HTTP server over one results store, read-only. It serves the
 * page (three files from the classpath, nothing from elsewhere) and its JSON API, every response with
 * a Content-Security-Policy that allows no inline script and no other origin, and answers only
 * requests whose Host is the address it listens on (so a web page elsewhere cannot reach the results
 * through a name it points at 127.0.0.1).
 */
public final class ViewServer implements AutoCloseable {
    /** The policy of the page: its own scripts, styles and data only; images it makes itself (chart downloads). */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:;"
            + " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    private static final Map<String, String> STATIC = Map.of(
            "/", "index.html", "/index.html", "index.html", "/app.js", "app.js", "/app.css", "app.css",
            "/evidence.js", "evidence.js");

    private final Javalin app;
    private final String host;
    private final ResultsApi api;

    private ViewServer(Javalin app, String host, ResultsApi api) {
        this.app = app;
        this.host = host;
        this.api = api;
    }

    /**
     * Starts serving {@code store} on {@code host}:{@code port} ({@code port} 0: any free port).
     *
     * @throws OffswitchException when the address cannot be listened on
     */
    public static ViewServer start(EpisodeStore store, String host, int port, PriceTable prices) {
        return start(store, host, port, prices, java.util.Optional.empty());
    }

    /**
     * Starts serving {@code store}, with {@code desk} (the same results opened for writing) taking a person's
     * answers to the pending approvals of running episodes; without it, or on an address that is not
     * loopback, the approvals are shown and no answer is taken.
     */
    public static ViewServer start(EpisodeStore store, String host, int port, PriceTable prices, java.util.Optional<EpisodeStore> desk) {
        ResultsApi api = new ResultsApi(store, prices);
        Set<String> allowedHosts = new java.util.HashSet<>();
        Set<String> origins = new java.util.HashSet<>();
        boolean loopback = host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        Approvals approvals = new Approvals(desk, loopback, origins);
        String[] url = {""};
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.before(ctx -> {
                headers(ctx);
                String asked = ctx.header("Host");
                if (asked == null || !allowedHosts.contains(asked.toLowerCase(Locale.ROOT))) {
                    throw new BadRequest(403, "this viewer answers only requests addressed to it by the address it listens on");
                }
            });
            STATIC.forEach((path, file) -> config.routes.get(path, ctx -> resource(ctx, file)));
            config.routes.get("/api/version", ctx -> json(ctx, Json.mapper().createObjectNode().put("version", api.version())));
            config.routes.get("/api/runs", ctx -> json(ctx, api.runs()));
            config.routes.get("/api/grid", ctx -> json(ctx, api.grid(ctx.queryParam("runs"))));
            config.routes.get("/api/grid.csv", ctx -> download(ctx, "text/csv; charset=utf-8", "offswitch-cells.csv", api.gridCsv(ctx.queryParam("runs"))));
            config.routes.get("/api/cell/{id}/episodes", ctx -> json(ctx, api.episodes(ctx.pathParam("id"), params(ctx))));
            config.routes.get("/api/cell/{id}/episodes.csv", ctx -> download(ctx, "text/csv; charset=utf-8", "offswitch-episodes.csv",
                    api.episodesCsv(ctx.pathParam("id"), params(ctx))));
            config.routes.get("/api/episode/{id}", ctx -> json(ctx, api.episode(ctx.pathParam("id"))));
            config.routes.get("/api/episode/{id}/download", ctx -> download(ctx, "application/json", "episode.json", api.episodeJson(ctx.pathParam("id"))));
            config.routes.get("/api/approvals", ctx -> json(ctx, approvals.pending(store)));
            config.routes.post("/api/approvals/{id}", ctx -> json(ctx, approvals.decide(ctx, ctx.pathParam("id"), url[0])));
            config.routes.get("/api/compare", ctx -> json(ctx, api.compare(required(ctx, "a"), ctx.queryParam("aruns"), required(ctx, "b"), ctx.queryParam("bruns"))));
            config.routes.exception(BadRequest.class, (e, ctx) -> {
                headers(ctx);
                ctx.status(e.status()).contentType("application/json").result(Json.mapper().createObjectNode().put("error", e.getMessage()).toString());
            });
            config.routes.exception(OffswitchException.class, (e, ctx) -> {
                headers(ctx);
                ctx.status(500).contentType("application/json").result(Json.mapper().createObjectNode().put("error", e.getMessage()).toString());
            });
            config.routes.error(404, ctx -> {
                if (ctx.result() == null || ctx.result().isEmpty()) {
                    ctx.contentType("application/json").result(Json.mapper().createObjectNode().put("error", "no such page: " + ctx.path()).toString());
                }
            });
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            throw new OffswitchException(ExitCode.FAILURE, "cannot listen on " + host + ":" + port + " (" + rootMessage(e)
                    + "); choose another --port, or --port 0 for any free one", e);
        }
        String shown = hostInUrl(host);
        allowedHosts.add((shown + ":" + app.port()).toLowerCase(Locale.ROOT));
        if (host.equals("127.0.0.1") || host.equals("localhost")) {
            allowedHosts.add("localhost:" + app.port());
            allowedHosts.add("127.0.0.1:" + app.port());
        }
        allowedHosts.forEach(h -> origins.add("http://" + h));
        url[0] = "http://" + shown + ":" + app.port() + "/";
        // Read the store once in the background, so the first page is not the one that waits for it.
        Thread.ofVirtual().name("offswitch-view-warmup").start(() -> {
            try {
                api.report("");
            } catch (RuntimeException e) {
                // The page asks again and shows the error, if there still is one.
            }
        });
        return new ViewServer(app, host, api);
    }

    /** Where the page is, e.g. {@code http://127.0.0.1:7070/}. */
    public String url() {
        return "http://" + hostInUrl(host) + ":" + app.port() + "/";
    }

    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }

    ResultsApi api() {
        return api;
    }

    private static String hostInUrl(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static void headers(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cross-Origin-Resource-Policy", "same-origin");
        ctx.header("Cache-Control", "no-store");
    }

    private static void json(Context ctx, Object node) {
        ctx.contentType("application/json; charset=utf-8").result(node.toString());
    }

    private static void download(Context ctx, String type, String name, String body) {
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.contentType(type).result(body);
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw BadRequest.invalid("missing parameter " + name);
        }
        return v;
    }

    private static Map<String, String> params(Context ctx) {
        Map<String, String> out = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> out.put(k, v.isEmpty() ? "" : v.getFirst()));
        return out;
    }

    private static void resource(Context ctx, String file) throws IOException {
        try (InputStream in = ViewServer.class.getResourceAsStream("static/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the viewer's " + file + " is missing from the build");
            }
            String type = file.endsWith(".js") ? "text/javascript" : file.endsWith(".css") ? "text/css" : "text/html";
            ctx.contentType(type + "; charset=utf-8").result(in.readAllBytes());
        }
    }
}
