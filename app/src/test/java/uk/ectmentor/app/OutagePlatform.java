package uk.ectmentor.app;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Slack's Web API and a Bot Framework connector on one loopback port, reached by the app's real clients
 * ({@code SLACK_API_URL} and the service URL of stored Teams conversation references). Every call that
 * reaches a person (Slack {@code conversations.open} and {@code chat.postMessage}, a Teams activity) is
 * recorded with the test clock's instant and the answer given. Between {@link #refuse(Instant, Instant)}'s
 * two instants it refuses those calls: 429 with a Retry-After (Slack's body says {@code ratelimited}) and 503,
 * mixed, mostly 429 in the first half and mostly 503 in the second. Outside that window it accepts.
 */
final class OutagePlatform implements AutoCloseable {
    static final String SLACK = "slack";
    static final String TEAMS = "teams";
    private static final long[] RETRY_AFTER_SECONDS = {3, 7, 12, 20};

    /**
     * One call that reached a person.
     *
     * @param recipient  the Slack user id, or the Teams conversation id
     * @param retryAfter the Retry-After this answer carried, or null
     */
    record Call(String platform, String method, String recipient, Instant at, int status, Duration retryAfter) {
        boolean accepted() {
            return status == 200;
        }

        /** Slack's chat.postMessage or a Teams activity: a message the person sees when accepted. */
        boolean isPost() {
            return method.equals("chat.postMessage") || method.equals("activities");
        }
    }

    private final Clock clock;
    private final HttpServer server;
    private final ExecutorService threads;
    private final List<Call> calls = new ArrayList<>();
    private Instant refuseFrom = Instant.MAX;
    private Instant refuseUntil = Instant.MAX;
    private int refusals;

    OutagePlatform(Clock clock) {
        this.clock = clock;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "outage-platform");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    String slackApiUrl() {
        return url() + "api/";
    }

    /** Refuses calls to people whose clock instant is in [from, until); forgets earlier calls. */
    synchronized void refuse(Instant from, Instant until) {
        calls.clear();
        refusals = 0;
        refuseFrom = from;
        refuseUntil = until;
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (path.startsWith("/api/")) {
                slack(ex, path.substring("/api/".length()), form(body));
            } else if (path.startsWith("/v3/conversations/") && path.endsWith("/activities")) {
                String conversation = URLDecoder.decode(path.substring("/v3/conversations/".length(), path.length() - "/activities".length()),
                        StandardCharsets.UTF_8);
                teams(ex, conversation);
            } else {
                reply(ex, 404, Map.of(), "{}");
            }
        }
    }

    private void slack(HttpExchange ex, String method, Map<String, String> params) throws IOException {
        String recipient;
        if (method.equals("conversations.open")) {
            recipient = params.get("users");
        } else if (method.equals("chat.postMessage")) {
            String channel = params.getOrDefault("channel", "");
            recipient = channel.startsWith("D-") ? channel.substring(2) : channel;
        } else {
            // auth.test and anything else the app asks at start: answered, not part of the scenario
            reply(ex, 200, Map.of(), "{\"ok\":true,\"team\":\"Outage School\",\"team_id\":\"T1\",\"user_id\":\"UBOT\",\"bot_id\":\"BBOT\"}");
            return;
        }
        Refusal refusal = record(SLACK, method, recipient);
        if (refusal == null) {
            String ok = method.equals("conversations.open")
                    ? "{\"ok\":true,\"channel\":{\"id\":\"D-" + recipient + "\"}}"
                    : "{\"ok\":true,\"channel\":\"D-" + recipient + "\",\"ts\":\"1700000000.000100\"}";
            reply(ex, 200, Map.of(), ok);
        } else if (refusal.status() == 429) {
            reply(ex, 429, Map.of("Retry-After", Long.toString(refusal.retryAfter().toSeconds())),
                    "{\"ok\":false,\"error\":\"ratelimited\"}");
        } else {
            reply(ex, 503, Map.of(), "{\"ok\":false,\"error\":\"service_unavailable\"}");
        }
    }

    private void teams(HttpExchange ex, String conversation) throws IOException {
        Refusal refusal = record(TEAMS, "activities", conversation);
        if (refusal == null) {
            reply(ex, 200, Map.of(), "{\"id\":\"sent-" + System.nanoTime() + "\"}");
        } else if (refusal.status() == 429) {
            reply(ex, 429, Map.of("Retry-After", Long.toString(refusal.retryAfter().toSeconds())),
                    "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow down\"}}");
        } else {
            reply(ex, 503, Map.of(), "{\"error\":{\"code\":\"ServiceUnavailable\",\"message\":\"try later\"}}");
        }
    }

    private record Refusal(int status, Duration retryAfter) {
    }

    /** Decides the answer at the clock's instant now and records the call. */
    private synchronized Refusal record(String platform, String method, String recipient) {
        Instant at = clock.instant();
        Refusal refusal = null;
        if (!at.isBefore(refuseFrom) && at.isBefore(refuseUntil)) {
            int n = refusals++;
            boolean firstHalf = at.isBefore(refuseFrom.plus(Duration.between(refuseFrom, refuseUntil).dividedBy(2)));
            // first half: two 429s to each 503; second half: two 503s to each 429
            boolean tooMany = firstHalf ? n % 3 != 2 : n % 3 == 2;
            refusal = tooMany ? new Refusal(429, Duration.ofSeconds(RETRY_AFTER_SECONDS[n % RETRY_AFTER_SECONDS.length]))
                    : new Refusal(503, null);
        }
        calls.add(new Call(platform, method, recipient, at, refusal == null ? 200 : refusal.status(),
                refusal == null ? null : refusal.retryAfter()));
        return refusal;
    }

    private static void reply(HttpExchange ex, int status, Map<String, String> headers, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    private static Map<String, String> form(String body) {
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
        threads.shutdownNow();
    }
}
