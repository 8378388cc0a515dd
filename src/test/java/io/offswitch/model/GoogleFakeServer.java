package io.offswitch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The Gemini API's generateContent on 127.0.0.1, for tests: records each request it receives
 * (path, API key header, JSON body) and answers with what the test's handler decides, including
 * faults (an error status with headers, a slow answer, a body cut off mid-transfer).
 */
final class GoogleFakeServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: a status, headers and body, optionally late or cut after {@code cutAfter} bytes. */
    record Reply(int status, Map<String, String> headers, String body, long delayMillis, int cutAfter) {
        static Reply ok(String body) {
            return new Reply(200, Map.of(), body, 0, -1);
        }

        static Reply error(int status, String grpcStatus, String message) {
            return new Reply(status, Map.of(), "{\"error\":{\"code\":" + status + ",\"message\":\"" + message
                    + "\",\"status\":\"" + grpcStatus + "\"}}", 0, -1);
        }

        Reply withHeader(String name, String value) {
            var h = new java.util.HashMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMillis, cutAfter);
        }

        Reply late(long millis) {
            return new Reply(status, headers, body, millis, cutAfter);
        }

        Reply cutAfter(int bytes) {
            return new Reply(status, headers, body, delayMillis, bytes);
        }
    }

    /** What the server received. */
    record Received(String path, String apiKey, JsonNode body) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    GoogleFakeServer(Function<JsonNode, Reply> handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", ex -> {
            try (ex) {
                JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
                received.add(new Received(ex.getRequestURI().getPath(), ex.getRequestHeaders().getFirst("x-goog-api-key"), body));
                send(ex, handler.apply(body));
            } catch (RuntimeException | IOException e) {
                // a cut connection or a test's deliberate failure: nothing more to send
            }
        });
        server.start();
    }

    private static void send(HttpExchange ex, Reply r) throws IOException {
        if (r.delayMillis() > 0) {
            try {
                Thread.sleep(r.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
        r.headers().forEach(ex.getResponseHeaders()::set);
        ex.sendResponseHeaders(r.status(), bytes.length);
        OutputStream out = ex.getResponseBody();
        if (r.cutAfter() >= 0) {
            out.write(bytes, 0, Math.min(r.cutAfter(), bytes.length));
            out.flush();
            // Closing the exchange short of the promised Content-Length drops the connection mid-response.
            ex.close();
            return;
        }
        out.write(bytes);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
