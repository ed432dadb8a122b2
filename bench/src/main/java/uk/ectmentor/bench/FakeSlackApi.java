package uk.ectmentor.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A tiny fake Slack Web API and Bot Framework connector on loopback: {@code auth.test},
 * {@code chat.postMessage}, {@code conversations.open}, {@code views.publish}, response_url posts and
 * Teams' {@code /v3/conversations/...} all answer "ok". It counts what it was sent.
 */
final class FakeSlackApi implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService pool;
    final AtomicLong posts = new AtomicLong();
    final AtomicLong calls = new AtomicLong();

    FakeSlackApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        pool = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-slack");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The Web API base, for SLACK_API_URL. */
    String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/";
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            in.readAllBytes();
        }
        calls.incrementAndGet();
        String path = ex.getRequestURI().getPath();
        String body;
        if (path.endsWith("auth.test")) {
            body = "{\"ok\":true,\"url\":\"https://bench.slack.test/\",\"team\":\"Bench School\",\"user\":\"mentor\","
                    + "\"team_id\":\"" + Slack.TEAM + "\",\"user_id\":\"U0BOT\",\"bot_id\":\"B0BOT\"}";
        } else if (path.endsWith("conversations.open")) {
            body = "{\"ok\":true,\"channel\":{\"id\":\"D0BENCH\"}}";
        } else if (path.endsWith("chat.postMessage")) {
            posts.incrementAndGet();
            body = "{\"ok\":true,\"channel\":\"D0BENCH\",\"ts\":\"1700000000." + calls.get() + "\"}";
        } else if (path.startsWith("/v3/")) {
            posts.incrementAndGet();
            body = "{\"id\":\"bench-" + calls.get() + "\"}";
        } else {
            if (path.startsWith("/response")) {
                posts.incrementAndGet();
            }
            body = "{\"ok\":true}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private boolean closed;

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        pool.shutdownNow();
    }
}
