package uk.ectmentor.adapters.slack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A fake Slack Web API on loopback, for the real Slack SDK client: it records every call and answers the
 * way Slack does ({@code auth.test}, {@code conversations.open}, {@code chat.postMessage}, {@code views.*},
 * response_url posts), or with whatever a test scripts next (an error, a 429 with Retry-After).
 */
final class FakeSlack implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static FakeSlack shared;

    /** One request Slack received. */
    record Call(String method, Map<String, String> params, String body, Map<String, List<String>> headers) {
        String param(String name) {
            return params.get(name);
        }

        /** A parameter holding JSON (blocks, view), or the JSON body of a response_url post. */
        JsonNode json(String name) {
            try {
                String text = name == null ? body : params.get(name);
                return text == null ? null : JSON.readTree(text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    record Answer(int status, String body, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new HashMap<>();
    private final Map<String, CountDownLatch> holds = new HashMap<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    FakeSlack() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "fake-slack");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** One fake for every Spring test in the module, so they share one application context. */
    static synchronized FakeSlack shared() {
        if (shared == null) {
            shared = new FakeSlack();
        }
        return shared;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String apiUrl() {
        return url() + "/api/";
    }

    String responseUrl() {
        return url() + "/response/" + ids.incrementAndGet();
    }

    synchronized void reset() {
        calls.clear();
        scripted.clear();
        holds.values().forEach(CountDownLatch::countDown);
        holds.clear();
    }

    /** The next call of {@code method} gets this answer instead of the usual one. */
    synchronized void answerNext(String method, int status, String body, Map<String, String> headers) {
        scripted.computeIfAbsent(method, m -> new ArrayDeque<>()).add(new Answer(status, body, headers));
    }

    void failNext(String method, String error) {
        answerNext(method, 200, "{\"ok\":false,\"error\":\"" + error + "\"}", Map.of());
    }

    /** Calls of {@code method} wait until the returned latch is counted down. */
    synchronized CountDownLatch hold(String method) {
        CountDownLatch latch = new CountDownLatch(1);
        holds.put(method, latch);
        return latch;
    }

    int heldNow() {
        return held.get();
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method().equals(method)).toList();
    }

    synchronized int size() {
        return calls.size();
    }

    synchronized List<Call> since(int mark) {
        return List.copyOf(calls.subList(mark, calls.size()));
    }

    /** Waits (without sleeping a fixed time) until {@code method} has been called {@code count} times. */
    synchronized List<Call> await(String method, int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (calls(method).size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("expected " + count + " " + method + " calls, got " + calls(method).size() + ": " + calls);
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return calls(method);
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String method = path.startsWith("/api/") ? path.substring(5) : path.startsWith("/response/") ? "response_url" : path;
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> params = type != null && type.startsWith("application/x-www-form-urlencoded") ? form(body) : Map.of();
        Call call = new Call(method, params, body, Map.copyOf(ex.getRequestHeaders()));
        CountDownLatch latch;
        Answer answer;
        synchronized (this) {
            latch = holds.get(method);
            Deque<Answer> queue = scripted.get(method);
            answer = queue == null || queue.isEmpty() ? null : queue.poll();
        }
        if (latch != null) {
            held.incrementAndGet();
            try {
                latch.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                held.decrementAndGet();
            }
        }
        synchronized (this) {
            calls.add(call);
            notifyAll();
        }
        if (answer == null) {
            answer = new Answer(200, usual(method, call), Map.of());
        }
        answer.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(answer.status(), out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private String usual(String method, Call call) {
        switch (method) {
            case "auth.test":
                return "{\"ok\":true,\"url\":\"https://fake.slack.test/\",\"team\":\"Fake School\",\"user\":\"mentorbot\","
                        + "\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}";
            case "conversations.open":
                return "{\"ok\":true,\"channel\":{\"id\":\"D-" + call.param("users") + "\"}}";
            case "chat.postMessage":
                return "{\"ok\":true,\"channel\":\"" + call.param("channel") + "\",\"ts\":\"1700000000." + ids.incrementAndGet() + "\"}";
            case "views.publish":
            case "views.open":
                return "{\"ok\":true,\"view\":{\"id\":\"V" + ids.incrementAndGet() + "\"}}";
            default:
                return "{\"ok\":true}";
        }
    }

    static Map<String, String> form(String body) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
