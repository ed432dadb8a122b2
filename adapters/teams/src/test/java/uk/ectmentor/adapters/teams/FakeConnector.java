package uk.ectmentor.adapters.teams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Bot Framework connector (and token endpoint, and OpenID metadata) on loopback, recording what the bot
 * sends. Answers can be scripted: each queued answer is used once, then it answers 200 with a new id.
 */
final class FakeConnector implements AutoCloseable {
    /** @param id the activity id: the one this connector gave a new message, or the one an update named */
    record Received(String method, String path, String authorization, JsonNode body, String id) {
    }

    record Answer(int status, Map<String, String> headers) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger ids = new AtomicInteger();
    final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    volatile String jwks = "{\"keys\":[]}";
    /** While set, posts to conversations wait for it before they are recorded and answered. */
    volatile java.util.concurrent.CountDownLatch hold;

    FakeConnector() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    synchronized void answer(int status, Map<String, String> headers) {
        answers.add(new Answer(status, headers));
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Activities posted to conversations (replies and proactive messages), oldest first. */
    List<Received> activities() {
        return received.stream().filter(r -> r.path().startsWith("/v3/conversations/")).toList();
    }

    void clear() {
        received.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        byte[] in = ex.getRequestBody().readAllBytes();
        String text = new String(in, StandardCharsets.UTF_8);
        if (path.equals("/token")) {
            tokenRequests.add(text);
            reply(ex, 200, Map.of(), "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"access_token\":\"fake-token-" + tokenRequests.size() + "\"}");
            return;
        }
        if (path.equals("/openid")) {
            reply(ex, 200, Map.of(), "{\"issuer\":\"https://api.botframework.com\",\"jwks_uri\":\"" + url() + "keys\","
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}");
            return;
        }
        if (path.equals("/keys")) {
            reply(ex, 200, Map.of(), jwks);
            return;
        }
        java.util.concurrent.CountDownLatch gate = hold;
        if (gate != null) {
            try {
                gate.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        JsonNode body = text.isBlank() ? null : JSON.readTree(text);
        Answer scripted;
        synchronized (this) {
            scripted = answers.poll();
        }
        boolean update = ex.getRequestMethod().equals("PUT");
        String id = update ? path.substring(path.lastIndexOf('/') + 1) : "sent-" + ids.incrementAndGet();
        received.add(new Received(ex.getRequestMethod(), path, ex.getRequestHeaders().getFirst("Authorization"), body, id));
        if (scripted != null && scripted.status() >= 300) {
            reply(ex, scripted.status(), scripted.headers(), "{\"error\":{\"code\":\"Scripted\",\"message\":\"scripted failure\"}}");
            return;
        }
        reply(ex, 200, Map.of(), "{\"id\":\"" + id + "\"}");
    }

    private static void reply(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, out.length);
        ex.getResponseBody().write(out);
        ex.close();
    }

    static List<JsonNode> cardsIn(JsonNode activity) {
        List<JsonNode> cards = new ArrayList<>();
        activity.path("attachments").forEach(a -> {
            if (AdaptiveCardRenderer.CARD_CONTENT_TYPE.equals(a.path("contentType").asText())) {
                cards.add(a.get("content"));
            }
        });
        return cards;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
