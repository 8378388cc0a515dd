package io.offswitch.model;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 in front of a fake provider server that injects the faults a long run
 * meets, on a fixed schedule so a test is repeatable: 429 with Retry-After, 500, a connection cut
 * mid-response, and a 200 whose body is not JSON. Everything else is forwarded unchanged.
 */
public final class FaultProxy implements AutoCloseable {
    public enum Fault { RATE_LIMIT, SERVER_ERROR, CUT, MALFORMED }

    private final HttpServer server;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final URI target;
    private final int every;
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<Fault, AtomicInteger> injected = new ConcurrentHashMap<>();
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "host", "transfer-encoding", "upgrade", "expect");

    /** Injects a fault into one request in {@code every}, cycling through the kinds. */
    public FaultProxy(URI target, int every) throws IOException {
        this.target = target;
        this.every = every;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int requests() {
        return requests.get();
    }

    public int injected(Fault fault) {
        return injected.getOrDefault(fault, new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int n = requests.incrementAndGet();
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (n % every == 0) {
                Fault fault = Fault.values()[(n / every) % Fault.values().length];
                injected.computeIfAbsent(fault, f -> new AtomicInteger()).incrementAndGet();
                inject(exchange, fault);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(target.resolve(exchange.getRequestURI().toString()))
                    .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body)).timeout(Duration.ofSeconds(60));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase())) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            HttpResponse<byte[]> response = client.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
            exchange.getResponseBody().write(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void inject(HttpExchange exchange, Fault fault) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        switch (fault) {
            case RATE_LIMIT -> {
                byte[] b = "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"rate_limit_error\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Retry-After", "1");
                exchange.sendResponseHeaders(429, b.length);
                exchange.getResponseBody().write(b);
            }
            case SERVER_ERROR -> {
                byte[] b = "{\"error\":{\"message\":\"internal error\",\"type\":\"server_error\"}}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(500, b.length);
                exchange.getResponseBody().write(b);
            }
            case CUT -> {
                // Promise a long body, send a little, and hang up.
                exchange.sendResponseHeaders(200, 10_000);
                OutputStream out = exchange.getResponseBody();
                out.write("{\"id\":\"cut-".getBytes(StandardCharsets.UTF_8));
                out.flush();
                exchange.getHttpContext().getServer();
                throw new IOException("connection cut on purpose");
            }
            case MALFORMED -> {
                byte[] b = "{\"id\": \"resp_x\", \"output\": [ this is not json".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, b.length);
                exchange.getResponseBody().write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
